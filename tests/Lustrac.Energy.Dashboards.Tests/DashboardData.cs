using System.Globalization;
using System.Text;
using System.Text.Json;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Gateway;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Dashboards.Tests;

/// <summary>
/// InfluxDB holding what the server wrote from the emulated site: six homes' SDM630 meters and the two Lustrac
/// arrays' inverters (emulated, through a gateway and real Mosquitto), plus plane-of-array irradiance, tank
/// volumes and compost probe temperatures published by hand over MQTT as their (not yet emulated) devices would.
/// The autonomy engine's measurements (energy_interval, tank_state, …) appear only once that engine runs here.
/// </summary>
public sealed class DashboardData : IAsyncLifetime
{
    private readonly SharedServices _services = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-dash-").FullName;
    private readonly int _modbusPort = FreePort.Next();
    private EmulatedSite? _emulated;
    private DateTimeOffset _historyEnd;
    private WebApplication? _server;
    private IHost? _gateway;

    public string SiteId { get; } = "dash" + Guid.NewGuid().ToString("N")[..8];
    public string Database { get; } = "dash" + Guid.NewGuid().ToString("N")[..8];
    public HttpClient Influx { get; private set; } = null!;

    private string SiteYaml()
    {
        var site = TestSites.Builder(SiteId);
        for (var i = 1; i <= 6; i++) site.Household($"h{i:00}", consent: i % 2 == 0);
        site.Asset("pv-atelier", AssetKind.PvArray, ("peak_kw", 36))
            .Asset("pv-hangar", AssetKind.PvArray, ("peak_kw", 60))
            .Asset("tank-nord", AssetKind.RainTank, ("shape", "vertical_cylinder"), ("diameter_m", 2.5), ("height_m", 2.4), ("roof_area_m2", 450))
            .Asset("compost-1", AssetKind.CompostPile, ("sanitisation_rule", "epa_in_vessel"))
            .Gateway("gw-1", pollSeconds: 1).Gateway("gw-communs");
        var bus = $"modbus-tcp://127.0.0.1:{_modbusPort}";
        site.Device("pv-atelier-inverter", "gw-1", DeviceKinds.SunSpecInverter, bus, Roles.PvProduction, asset: "pv-atelier", address: 20)
            .Device("pv-hangar-inverter", "gw-1", DeviceKinds.SunSpecInverter, bus, Roles.PvProduction, asset: "pv-hangar", address: 21)
            .Device("tank-nord-level", "gw-communs", DeviceKinds.TankLevelUltrasonic, "gpio://17", Roles.TankLevel, asset: "tank-nord")
            .Device("compost-1-core", "gw-communs", DeviceKinds.Ds18b20, "w1://28-000000000001", Roles.CompostTemperature, asset: "compost-1")
            .Device("compost-1-edge", "gw-communs", DeviceKinds.Ds18b20, "w1://28-000000000002", Roles.CompostTemperature, asset: "compost-1");
        for (var i = 1; i <= 6; i++)
            site.Device($"h{i:00}-water", "gw-communs", DeviceKinds.WaterPulse, $"gpio://{i}", Roles.WaterMains, household: $"h{i:00}");
        for (var i = 1; i <= 3; i++)
            site.Device($"h{i:00}-rain", "gw-communs", DeviceKinds.WaterPulse, $"gpio://{10 + i}", Roles.WaterRain, household: $"h{i:00}");
        site.Device("rain-gauge", "gw-communs", DeviceKinds.RainGauge, "gpio://20", Roles.RainGauge);
        for (var i = 1; i <= 6; i++)
            site.Device($"h{i:00}-meter", "gw-1", DeviceKinds.Sdm630, bus, Roles.HouseholdMeter, household: $"h{i:00}", address: i);
        return site.ToYaml();
    }

    public async Task InitializeAsync()
    {
        await _services.InitializeAsync();
        Influx = new HttpClient { BaseAddress = _services.InfluxUrl, Timeout = TimeSpan.FromSeconds(30) };
        var siteFile = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(siteFile, SiteYaml());
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var noon = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddHours(12);
        // Simulated noon at 60× speed: the arrays produce and values move quickly.
        _emulated = await EmulatedSite.StartAsync(SiteLoader.LoadFile(siteFile),
            new EmulatedSiteOptions { Seed = 5, Speed = 60, Start = new DateTimeOffset(noon, zone.GetUtcOffset(noon)) });
        var mqtt = _services.MqttPort.ToString(CultureInfo.InvariantCulture);
        _server = ServerApp.Build(["--site", siteFile, "--urls", $"http://127.0.0.1:{FreePort.Next()}",
            "--Mqtt:Embedded", "false", "--Mqtt:Port", mqtt, "--Privacy:SecretsFile", Path.Combine(_folder, "households.secrets"),
            "--Store:Kind", "influxdb", "--Store:InfluxUrl", _services.InfluxUrl.ToString(), "--Store:InfluxDatabase", Database]);
        await _server.StartAsync();
        // Two hours of history before the gateway starts, counters continuing below the emulator's current values,
        // so the autonomy engine has closed intervals to compute (a live run of a few seconds closes none).
        await PublishByHandAsync();
        _gateway = GatewayApp.Build(["--site", siteFile, "--gateway", "gw-1", "--mqtt-host", "127.0.0.1", "--mqtt-port", mqtt,
            "--outbox", Path.Combine(_folder, "outbox")]);
        await _gateway.StartAsync();
        await WaitForAsync("SELECT count(\"value\") FROM \"energy_produced\" GROUP BY \"asset\"", series: 2);
        await WaitForAsync("SELECT count(\"value\") FROM \"active_power\" WHERE \"role\" = 'household_meter' GROUP BY \"household\"", series: 6);
        await WaitForAsync("SELECT count(\"value\") FROM \"temperature\" GROUP BY \"device\"", series: 2);
        await WaitForAsync("SELECT count(\"value\") FROM \"tank_volume\"", series: 1);
        await WaitForAsync("SELECT count(\"value\") FROM \"irradiance\" GROUP BY \"asset\"", series: 2);
        await WaitForAsync("SELECT count(\"value\") FROM \"water_volume\" GROUP BY \"device\"", series: 9);
        await WaitForAsync("SELECT count(\"value\") FROM \"energy_import\" WHERE time < now() - 30m GROUP BY \"device\"", series: 6);
        // Compute the closed intervals of those two hours as the server does when they close, and the day's figures.
        var calculator = _server.Services.GetRequiredService<Lustrac.Energy.Server.Scheduling.IntervalCloser>();
        var to = new DateTime(_historyEnd.UtcTicks / TimeSpan.TicksPerMinute / 15 * 15 * TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        await calculator.RecomputeAsync(to.AddHours(-2), to, CancellationToken.None);
        await WaitForAsync("SELECT count(\"consumption_kwh\") FROM \"results\".\"energy_interval\" GROUP BY \"household\"", series: 7);
        // The service also recomputes the intervals the history touched (InfluxDB results are replaced by a delete then
        // a write): wait until the neighbourhood's intervals (six at least: the first ones may start before the history) are there and stay there.
        await WaitForStableAsync($"SELECT count(\"consumption_kwh\") FROM \"results\".\"energy_interval\" WHERE \"scope\" = 'neighbourhood' AND time >= '{to.AddHours(-2):yyyy-MM-ddTHH:mm:ssZ}'", 6);
    }

    /// <summary>Two hours of readings, every 5 minutes, ending now, for the devices no emulator plays yet.</summary>
    private async Task PublishByHandAsync()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _services.MqttPort).WithClientId("dash-feed-" + SiteId).Build());
        var now = DateTimeOffset.UtcNow;
        _historyEnd = now;
        var imports = Enumerable.Range(1, 6).ToDictionary(i => i, i => _emulated!.MeterValues($"h{i:00}-meter").ImportKwh);
        string[] inverters = ["pv-atelier-inverter", "pv-hangar-inverter"];
        var produced = inverters.ToDictionary(d => d, d => _emulated!.InverterValues(d).LifetimeWh / 1000);
        // Far from the gateway's own sequence numbers for the inverters, so nothing is taken for a duplicate.
        var seq = 1_000_000_000UL;
        for (var minutesAgo = 120; minutesAgo >= 0; minutesAgo -= 5)
        {
            var at = now.AddMinutes(-minutesAgo);
            async Task Publish(string gateway, string device, string quantity, string unit, double value)
            {
                var payload = string.Create(CultureInfo.InvariantCulture,
                    $$"""{"seq":{{++seq}},"time":"{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}","readings":[{"quantity":"{{quantity}}","value":{{value}},"unit":"{{unit}}"}]}""");
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"lustrac/v1/{SiteId}/{gateway}/{device}/readings")
                    .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            }
            var hoursAgo = minutesAgo / 60.0;
            for (var i = 1; i <= 6; i++)
            {
                // A home drawing 0.5 to 1.1 kW: counters below what the emulated meter holds now, never above.
                await Publish("gw-1", $"h{i:00}-meter", "energy_import", "kWh", Math.Round(imports[i] - hoursAgo * (0.5 + 0.1 * i) - 0.01, 3));
                await Publish("gw-1", $"h{i:00}-meter", "energy_export", "kWh", 0);
                await Publish("gw-communs", $"h{i:00}-water", "water_volume", "L", 40_000 + i * 1000 + (120 - minutesAgo) * (1 + i % 3));
            }
            for (var i = 1; i <= 3; i++)
                await Publish("gw-communs", $"h{i:00}-rain", "water_volume", "L", 20_000 + i * 500 + (120 - minutesAgo) * 0.8);
            await Publish("gw-1", "pv-atelier-inverter", "energy_produced", "kWh", Math.Round(produced["pv-atelier-inverter"] - hoursAgo * 2.5 - 0.01, 3));
            await Publish("gw-1", "pv-hangar-inverter", "energy_produced", "kWh", Math.Round(produced["pv-hangar-inverter"] - hoursAgo * 4.0 - 0.01, 3));
            await Publish("gw-communs", "rain-gauge", "rainfall", "mm", 100 + (120 - minutesAgo) * 0.01);
            await Publish("gw-1", "pv-atelier-inverter", "irradiance", "W/m2", 800 + minutesAgo);
            await Publish("gw-1", "pv-hangar-inverter", "irradiance", "W/m2", 780 + minutesAgo);
            var volume = 9000 - (120 - minutesAgo) * 5;
            await Publish("gw-communs", "tank-nord-level", "tank_volume", "L", volume);
            await Publish("gw-communs", "tank-nord-level", "tank_level", "m", Math.Round(volume / 1000.0 / (Math.PI * 1.25 * 1.25), 4)); // the driver sends both
            await Publish("gw-communs", "compost-1-core", "temperature", "degC", 58 + minutesAgo / 60.0);
            await Publish("gw-communs", "compost-1-edge", "temperature", "degC", 49 + minutesAgo / 60.0);
        }
        await client.DisconnectAsync();
    }

    /// <summary>Runs InfluxQL on the test database; the series of its first result (empty when none).</summary>
    public async Task<List<JsonElement>> QueryAsync(string influxQl)
    {
        var json = await Influx.GetStringAsync($"query?db={Database}&epoch=ms&q={Uri.EscapeDataString(influxQl)}");
        using var doc = JsonDocument.Parse(json);
        var result = doc.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error)) throw new InvalidOperationException($"InfluxDB refused: {error.GetString()}\n{influxQl}");
        return result.TryGetProperty("series", out var s) ? s.EnumerateArray().Select(e => e.Clone()).ToList() : [];
    }

    private async Task WaitForAsync(string influxQl, int series)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await QueryAsync(influxQl)).Count < series)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"InfluxDB did not get {series} series within 90 s: {influxQl}");
            await Task.Delay(500);
        }
    }

    private async Task WaitForStableAsync(string countQuery, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var stableSince = DateTime.MaxValue;
        while (true)
        {
            var series = await QueryAsync(countQuery);
            var count = series.Count == 0 ? 0 : series[0].GetProperty("values")[0][1].GetInt64();
            if (count >= expected) stableSince = stableSince == DateTime.MaxValue ? DateTime.UtcNow : stableSince;
            else stableSince = DateTime.MaxValue;
            if (DateTime.UtcNow - stableSince > TimeSpan.FromSeconds(3)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"InfluxDB did not hold {expected} stable within 90 s: {countQuery} (last {count})");
            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null) { await _gateway.StopAsync(); _gateway.Dispose(); }
        if (_server is not null) { await _server.StopAsync(); await _server.DisposeAsync(); }
        if (_emulated is not null) await _emulated.DisposeAsync();
        Influx.Dispose();
        await _services.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardDataCollection : ICollectionFixture<DashboardData>
{
    public const string Name = "influxdb fed by the emulated site";
}
