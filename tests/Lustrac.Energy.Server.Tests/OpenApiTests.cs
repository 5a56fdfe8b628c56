using System.Globalization;
using System.Text.Json;
using Lustrac.Energy.Server.Api.OpenApi;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lustrac.Energy.Server.Tests;

/// <summary>/openapi/v1.json describes every endpoint the server maps, each with a declared privacy rule.</summary>
[Collection(SharedServicesCollection.Name)]
public sealed class OpenApiTests(SharedServices services)
{
    [Fact]
    public async Task Every_mapped_endpoint_is_described_with_its_privacy_rule()
    {
        var folder = Directory.CreateTempSubdirectory("lustrac-openapi-").FullName;
        var site = Path.Combine(folder, "site.yaml");
        await File.WriteAllTextAsync(site, TestSite.Yaml("oa" + Guid.NewGuid().ToString("N")[..8]));
        var port = FreePort.Next();
        await using var app = ServerApp.Build(["--site", site, "--urls", $"http://127.0.0.1:{port}", "--Mqtt:Embedded", "false",
            "--Mqtt:Port", services.MqttPort.ToString(CultureInfo.InvariantCulture), "--Store:SqlitePath", Path.Combine(folder, "lustrac.db"),
            "--Privacy:SecretsFile", Path.Combine(folder, "households.secrets"), "--Quarantine:File", Path.Combine(folder, "q.jsonl"),
            "--Logging:LogLevel:Default", "Warning"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var document = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } r && !r.StartsWith("/openapi/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Method: m.ToLowerInvariant(), Path: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .ToList();
        Assert.True(mapped.Count >= 15, $"only {mapped.Count} endpoints found"); // the README's API has more than 15
        var problems = new List<string>();
        foreach (var (method, path) in mapped)
        {
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method, out var operation))
            {
                problems.Add($"{method.ToUpperInvariant()} {path}: not in /openapi/v1.json");
                continue;
            }
            var rule = operation.TryGetProperty(OpenApiStartup.PrivacyExtension, out var r) ? r.GetString() : null;
            if (rule is null || rule == EndpointPrivacy.Undeclared || !operation.GetProperty("description").GetString()!.StartsWith("Privacy: ", StringComparison.Ordinal))
                problems.Add($"{method.ToUpperInvariant()} {path}: no privacy rule (declare it in Api/OpenApi/EndpointPrivacy.cs)");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.StartsWith("operator only", paths.GetProperty("/api/quarantine").GetProperty("get").GetProperty(OpenApiStartup.PrivacyExtension).GetString(), StringComparison.Ordinal);
        await app.StopAsync();
        Directory.Delete(folder, recursive: true);
    }
}
