using System.Globalization;
using System.Text.Json;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>
/// One engine for every figure: under each allocation key, the real server (real store, stored meter counters, its own
/// autonomy service) shows each household on its screen the same share of the shared array and the same
/// self-sufficiency for today's closed intervals as /api/autonomy gives it, and both equal the figures worked by hand.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class ScreenShareMatchesApiTests(SharedServices services)
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Two closed intervals (kWh; no own PV, no export, so demand = import = consumption):
    /// <code>
    ///                   A      B     day
    /// pv-1 produced    3.0    1.0    4.0
    /// h01 import       1.0    0.5    1.5
    /// h02 import       2.0    0.5    2.5
    /// h03 import       0.2    1.0    1.2
    /// </code>
    /// static 0.5/0.3/0.2, a share capped at demand: A 1.0 (min 1.5, 1.0), 0.9, 0.2 (min 0.6, 0.2); B 0.5, 0.3, 0.2.
    /// default dynamic, pro rata of demand: A 3.2 asked of 3.0 → 0.9375, 1.875, 0.1875; B 2.0 of 1.0 → 0.25, 0.25, 0.5.
    /// equal share with redistribution: A h03 takes its 0.2, 2.8 left for two → h01 its 1.0, h02 the last 1.8;
    /// B 1/3 each (every demand ≥ 1/3). Self-sufficiency = allocated / consumption.
    /// Then live power in interval A's proportions (W = kWh × 1000): the live shares are A's × 1000.
    /// </summary>
    public static TheoryData<string, string, double[], double[]> Cases => new()
    {
        { "sqlite", "static", [1.5, 1.2, 0.4], [1000, 900, 200] },
        { "sqlite", "default_dynamic", [1.1875, 2.125, 0.6875], [937.5, 1875, 187.5] },
        { "sqlite", "equal_share", [1.0 + 1.0 / 3, 1.8 + 1.0 / 3, 0.2 + 1.0 / 3], [1000, 1800, 200] },
        { "influxdb", "static", [1.5, 1.2, 0.4], [1000, 900, 200] },
        { "influxdb", "default_dynamic", [1.1875, 2.125, 0.6875], [937.5, 1875, 187.5] },
        { "influxdb", "equal_share", [1.0 + 1.0 / 3, 1.8 + 1.0 / 3, 0.2 + 1.0 / 3], [1000, 1800, 200] },
    };

    private static readonly double[] Consumption = [1.5, 2.5, 1.2];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_screen_shows_each_household_the_share_and_ratio_of_the_api(string store, string key, double[] allocated, double[] liveShared)
    {
        using var site = new KeyedScreenSite(key);
        var t0 = site.FirstInterval;
        int mqttPort = FreePort.Next();
        var extra = new List<string> { "--Mqtt:Port", mqttPort.ToString(CultureInfo.InvariantCulture) };
        IReadingStore readings;
        if (store == "influxdb")
        {
            var settings = new StoreSettings { Kind = "influxdb", InfluxUrl = services.InfluxUrl.ToString(), InfluxDatabase = "s" + Guid.NewGuid().ToString("N")[..12] };
            readings = new InfluxReadingStore(new HttpClient { BaseAddress = services.InfluxUrl }, settings);
            extra.AddRange(["--Store:Kind", "influxdb", "--Store:InfluxUrl", settings.InfluxUrl, "--Store:InfluxDatabase", settings.InfluxDatabase]);
        }
        else readings = new SqliteReadingStore(site.SqlitePath);
        // The counters are in the store before the server starts, as after a restart: its first pass closes them.
        await readings.InitialiseAsync(CancellationToken.None);
        await readings.WriteAsync(site.Counters(), CancellationToken.None);

        int httpPort = FreePort.Next();
        var app = ServerApp.Build(site.ServerArgs(httpPort, [.. extra]));
        await app.StartAsync();
        try
        {
            for (int h = 0; h < 3; h++)
            {
                string id = KeyedScreenSite.Households[h];
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
                http.DefaultRequestHeaders.Authorization = new("Bearer", KeyedScreenSite.TokenOf(id));

                // The engine's first pass closes every due interval, then hands today's sums to the screen.
                var todayJson = await Poll.Until(async () =>
                {
                    var s = JsonDocument.Parse(await http.GetStringAsync("api/screen")).RootElement.GetProperty("today");
                    return s.GetProperty("basis").GetString() == "meters" ? s.GetRawText() : null;
                }, $"{id}: the engine's sums on the screen");
                var today = JsonDocument.Parse(todayJson).RootElement;
                var day = t0.UtcDateTime.AddHours(site.OffsetHours).Date;
                string Date(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var api = JsonDocument.Parse(await http.GetStringAsync(
                    $"api/autonomy?from={Date(day)}&to={Date(day.AddDays(1))}&resolution=day&household={id}")).RootElement.GetProperty("total");

                Assert.Equal(2, api.GetProperty("quality").GetProperty("intervals").GetProperty("measured").GetInt32());
                double apiShare = api.GetProperty("allocated_kwh").GetDouble(), apiRatio = api.GetProperty("self_sufficiency").GetDouble();
                double screenShare = today.GetProperty("shared_solar_kwh").GetDouble(), screenRatio = today.GetProperty("self_sufficiency").GetDouble();
                Assert.Equal(allocated[h], apiShare, Tolerance);
                Assert.Equal(allocated[h] / Consumption[h], apiRatio, Tolerance);
                Assert.Equal(apiShare, screenShare, Tolerance);
                Assert.Equal(apiRatio, screenRatio, Tolerance);
                Assert.Equal("household", today.GetProperty("scope").GetString());
            }

            // Live watts through the real ingest: the screen splits them with the same engine and key.
            var ingest = app.Services.GetRequiredService<Lustrac.Energy.Server.Ingest.IngestStatistics>();
            await Poll.Until(() => ingest.BrokerConnected, "ingest connected to the embedded broker");
            await using (var feed = await MqttFeed.ConnectAsync(mqttPort))
            {
                var now = DateTimeOffset.UtcNow;
                await feed.PublishAsync(site.SiteId, "gw-1", "pv-1-inverter", "active_power", "W", 3000, now);
                double[] watts = [1000, 2000, 200];
                for (int h = 0; h < 3; h++)
                    await feed.PublishAsync(site.SiteId, "gw-1", $"{KeyedScreenSite.Households[h]}-meter", "active_power", "W", watts[h], now);
            }
            for (int h = 0; h < 3; h++)
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
                http.DefaultRequestHeaders.Authorization = new("Bearer", KeyedScreenSite.TokenOf(KeyedScreenSite.Households[h]));
                var homeJson = await Poll.Until(async () =>
                {
                    var home = JsonDocument.Parse(await http.GetStringAsync("api/screen")).RootElement.GetProperty("home");
                    return home.ValueKind == JsonValueKind.Object ? home.GetRawText() : null;
                }, $"{KeyedScreenSite.Households[h]}: live flows of every device on the screen");
                var flows = JsonDocument.Parse(homeJson).RootElement;
                Assert.Equal(liveShared[h], flows.GetProperty("shared_solar_w").GetDouble(), 1e-6);
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
