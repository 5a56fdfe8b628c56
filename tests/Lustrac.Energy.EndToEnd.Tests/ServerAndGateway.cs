using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lustrac.Energy.Gateway;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Lustrac.Energy.EndToEnd.Tests;

/// <summary>
/// The real server (SQLite, one-second grace) and the real gateway of one site file, both on the shared Mosquitto,
/// with an operator token for the API: what the end-to-end tests of a field device put behind its emulator.
/// </summary>
public sealed class ServerAndGateway : IAsyncDisposable
{
    public const string OperatorToken = "e2e-operator-token";
    private WebApplication? _server;
    private IHost? _gateway;

    public int HttpPort { get; } = FreePort.Next();

    public static async Task<ServerAndGateway> StartAsync(string siteFile, string folder, int mqttPort, string gatewayId = "gw-1")
    {
        var stack = new ServerAndGateway();
        var secrets = Path.Combine(folder, "households.secrets");
        await File.WriteAllTextAsync(secrets, HouseholdTokenStore.FileLine(HouseholdTokenStore.Operator, OperatorToken) + "\n");
        var mqtt = mqttPort.ToString(CultureInfo.InvariantCulture);
        stack._server = ServerApp.Build([
            "--site", siteFile, "--urls", $"http://127.0.0.1:{stack.HttpPort}",
            "--Mqtt:Embedded", "false", "--Mqtt:Port", mqtt,
            "--Store:Kind", "sqlite", "--Store:SqlitePath", Path.Combine(folder, "lustrac.db"),
            "--Privacy:SecretsFile", secrets, "--Quarantine:File", Path.Combine(folder, "quarantine.jsonl"),
            "--Autonomy:GraceSeconds", "1",
        ]);
        await stack._server.StartAsync();
        stack._gateway = GatewayApp.Build(["--site", siteFile, "--gateway", gatewayId, "--mqtt-host", "127.0.0.1", "--outbox", Path.Combine(folder, "outbox"),
            "--mqtt-port", mqtt, "--state", Path.Combine(folder, "state")]);
        await stack._gateway.StartAsync();
        return stack;
    }

    public HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
        return http;
    }

    /// <summary>The first interval since <paramref name="from"/> measured end to end (readings on both sides of both its boundaries).</summary>
    public static async Task<JsonElement> FirstMeasuredIntervalAsync(HttpClient http, DateTimeOffset from)
    {
        var since = from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        JsonElement period = default;
        await Eventually.TrueAsync(async () =>
        {
            var to = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            using var response = await http.GetAsync($"api/autonomy?from={since}&to={to}&resolution=interval");
            var body = await response.Content.ReadAsStringAsync();
            // Within the first interval after the start, the range holds no whole interval yet: the API says so (400), wait.
            if (response.StatusCode == System.Net.HttpStatusCode.BadRequest && body.Contains("must be before", StringComparison.Ordinal)) return false;
            Assert.True(response.IsSuccessStatusCode, $"/api/autonomy answered {(int)response.StatusCode}: {body}");
            var figures = JsonDocument.Parse(body).RootElement;
            var measured = figures.GetProperty("periods").EnumerateArray()
                .Where(p => p.GetProperty("quality").GetProperty("intervals").GetProperty("measured").GetInt32() == 1).ToList();
            if (measured.Count > 0) period = measured[0].Clone();
            return measured.Count > 0;
        }, TimeSpan.FromMinutes(4), "a measured one-minute interval in /api/autonomy");
        return period;
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null) { await _gateway.StopAsync(); _gateway.Dispose(); }
        if (_server is not null) { await _server.StopAsync(); await _server.DisposeAsync(); }
    }
}
