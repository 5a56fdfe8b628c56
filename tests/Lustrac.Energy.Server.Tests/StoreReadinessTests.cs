using System.Globalization;
using System.Net;
using System.Text.Json;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests;

/// <summary>
/// A server whose store cannot be prepared at start-up (here: the SQLite file's folder is in the way) answers the API
/// with 503 and the reason, never 500, says so on /health, and serves as soon as the store can be prepared.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class StoreReadinessTests(SharedServices services)
{
    [Fact]
    public async Task The_api_answers_503_with_the_reason_until_the_store_is_prepared_then_serves()
    {
        var folder = Directory.CreateTempSubdirectory("lustrac-readiness-").FullName;
        var site = Path.Combine(folder, "site.yaml");
        await File.WriteAllTextAsync(site, TestSite.Yaml("rd" + Guid.NewGuid().ToString("N")[..8]));
        // A file where the database's folder should be: creating the folder fails until the file is removed.
        var blocker = Path.Combine(folder, "data");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var port = FreePort.Next();
        await using var app = ServerApp.Build(["--site", site, "--urls", $"http://127.0.0.1:{port}", "--Mqtt:Embedded", "false",
            "--Mqtt:Port", services.MqttPort.ToString(CultureInfo.InvariantCulture), "--Store:SqlitePath", Path.Combine(blocker, "lustrac.db"),
            "--Privacy:SecretsFile", Path.Combine(folder, "households.secrets"), "--Quarantine:File", Path.Combine(folder, "q.jsonl"),
            "--Logging:LogLevel:Default", "Critical"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using (var refused = await http.GetAsync("api/autonomy?from=2026-06-01&to=2026-06-02"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
            Assert.StartsWith("the server is still preparing its store (last attempt: ", error, StringComparison.Ordinal);
        }
        using (var health = await http.GetAsync("health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.False(JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("store_ready").GetBoolean());
        }

        File.Delete(blocker); // the disk is fixed: the next retry (1 s, then 2 s, …) prepares the store
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            // The shared compost piles: a store read any viewer may make (the small test site's neighbourhood figures are the operator's).
            using var response = await http.GetAsync("api/compost");
            status = response.StatusCode;
        } while (status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);
        await app.StopAsync();
        Directory.Delete(folder, recursive: true);
    }
}
