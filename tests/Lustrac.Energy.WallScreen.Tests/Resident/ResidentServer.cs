using System.Globalization;
using System.Text.Json;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lustrac.Energy.WallScreen.Tests.Resident;

/// <summary>
/// The real server in-process on <see cref="ResidentSite"/> (embedded broker, SQLite): the week of counters is in the
/// store before it starts, so its first pass closes them; live power then comes through the real ingest.
/// </summary>
public sealed class ResidentServer : IAsyncLifetime
{
    public ResidentSite Site { get; } = new();
    public int HttpPort { get; } = FreePort.Next();
    public int MqttPort { get; } = FreePort.Next();
    public WebApplication App { get; private set; } = null!;
    public Uri BaseUri => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>Live watts published for each home's meter (h01's net of its panels' 600 W) and the arrays.</summary>
    public static readonly double[] HomeWatts = [900, 1100, 1300, 700, 800, 1000];

    public async Task InitializeAsync()
    {
        var store = new SqliteReadingStore(Site.SqlitePath);
        await store.InitialiseAsync(CancellationToken.None);
        await store.WriteAsync(Site.Counters(), CancellationToken.None);
        App = ServerApp.Build(Site.ServerArgs(HttpPort, "--Mqtt:Port", MqttPort.ToString(CultureInfo.InvariantCulture)));
        await App.StartAsync();
        var stats = App.Services.GetRequiredService<Lustrac.Energy.Server.Ingest.IngestStatistics>();
        await Poll.Until(() => stats.BrokerConnected, "ingest connected to the embedded broker");
        await PublishLiveAsync();
        using var http = Client(ResidentSite.TokenOf("h03"));
        await Poll.Until(async () =>
        {
            var today = JsonDocument.Parse(await http.GetStringAsync("api/screen")).RootElement.GetProperty("today");
            return today.GetProperty("closed_until").ValueKind == JsonValueKind.String ? "closed" : null;
        }, "the engine's first pass closed today's intervals", seconds: 120);
    }

    /// <summary>Two power readings a minute apart for every device (today's open estimate needs energy), and tank depths.</summary>
    public async Task PublishLiveAsync()
    {
        await using var feed = await MqttFeed.ConnectAsync(MqttPort);
        var now = DateTimeOffset.UtcNow;
        foreach (var at in new[] { now.AddMinutes(-1), now })
        {
            for (int h = 0; h < ResidentSite.Households.Length; h++)
                await feed.PublishAsync(Site.SiteId, "gw-1", $"{ResidentSite.Households[h]}-meter", "active_power", "W", HomeWatts[h] - (h == 0 ? 600 : 0), at);
            await feed.PublishAsync(Site.SiteId, "gw-1", "h01-pv", "active_power", "W", 600, at);
            await feed.PublishAsync(Site.SiteId, "gw-1", "pv-1-inverter", "active_power", "W", 4000, at);
        }
        await feed.PublishAsync(Site.SiteId, "gw-2", "tank-1-level", "tank_level", "m", 1.65, now.AddMinutes(-60));
        await feed.PublishAsync(Site.SiteId, "gw-2", "tank-1-level", "tank_level", "m", 1.59, now);
        var live = App.Services.GetRequiredService<Lustrac.Energy.Server.Live.LiveReadings>();
        var quarantine = App.Services.GetRequiredService<Lustrac.Energy.Server.Ingest.Quarantine>();
        // Times travel at millisecond precision: compare with a second's margin.
        await Poll.Until(() => live.Snapshot().Count(r => r.Quantity == "active_power" && r.Time >= now.AddSeconds(-1)) == ResidentSite.Households.Length + 2,
            "live power through the ingest; quarantined: " + string.Join("; ", quarantine.Recent().Select(q => q.Reason)));
    }

    public HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
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
