using System.Globalization;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>
/// The real server in-process (embedded broker on a free port, SQLite), with live readings and device statuses
/// placed for every household of <see cref="ScreenTestSite"/>, so that any leak would have data to leak.
/// </summary>
public sealed class PrivacyServer : IAsyncLifetime
{
    public ScreenTestSite Site { get; } = new(modbusPort: FreePort.Next());
    public int HttpPort { get; } = FreePort.Next();
    public WebApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var mqttPort = FreePort.Next();
        App = ServerApp.Build(Site.ServerArgs(HttpPort, "--Mqtt:Port", mqttPort.ToString(CultureInfo.InvariantCulture)));
        await App.StartAsync();
        // Published before the ingest subscribed, readings would be lost: wait until it reports the broker connected.
        var stats = App.Services.GetRequiredService<Lustrac.Energy.Server.Ingest.IngestStatistics>();
        await Poll.Until(() => stats.BrokerConnected, "ingest connected to the embedded broker");
        // Through the real ingest (embedded broker), so every per-device view the server keeps gets filled.
        await using var feed = await MqttFeed.ConnectAsync(mqttPort);
        var now = DateTimeOffset.UtcNow;
        foreach (var h in ScreenTestSite.Households)
        {
            // Two power readings a minute apart, so today's estimate has energy for each home.
            await feed.PublishAsync(Site.SiteId, "gw-1", $"{h}-meter", "active_power", "W", 800, now.AddMinutes(-1));
            await feed.PublishAsync(Site.SiteId, "gw-1", $"{h}-meter", "active_power", "W", 800, now);
            await feed.PublishAsync(Site.SiteId, "gw-1", $"{h}-meter", "energy_import", "kWh", 1000, now);
        }
        // The array too: the engine's estimate needs every device's energy, as its closed intervals need every meter.
        await feed.PublishAsync(Site.SiteId, "gw-1", "pv-1-inverter", "active_power", "W", 9000, now.AddMinutes(-1));
        await feed.PublishAsync(Site.SiteId, "gw-1", "pv-1-inverter", "active_power", "W", 9000, now);
        var statuses = App.Services.GetRequiredService<DeviceStatusBoard>();
        foreach (var h in ScreenTestSite.Households)
            Assert.True(statuses.TryAccept($"lustrac/v1/{Site.SiteId}/gw-1/{h}-meter/status",
                """{"state":"up","since":"2026-11-24T10:00:00Z","consecutive_failures":0}"""u8, out var refused), refused.Reason);
        var live = App.Services.GetRequiredService<LiveReadings>();
        var quarantine = App.Services.GetRequiredService<Lustrac.Energy.Server.Ingest.Quarantine>();
        await Poll.Until(() => live.Snapshot().Count == 2 * ScreenTestSite.Households.Length + 1,
            "readings through the ingest; quarantined: " + string.Join("; ", quarantine.Recent().Select(q => q.Reason)));
    }

    public HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Site.Dispose();
    }
}
