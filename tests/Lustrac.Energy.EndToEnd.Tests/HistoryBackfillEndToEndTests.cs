using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lustrac.Energy.FirmwareHost.History;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;

namespace Lustrac.Energy.EndToEnd.Tests;

/// <summary>
/// firmware-host's backfill into a real server through real Mosquitto: two days of the emulated site published as the
/// gateways would have, every 15 minutes. Every interval of the two days must then be measured, whole Paris days at
/// coverage 1, the production equal to what the emulated inverter counted, the tank with days left and the compost
/// register filled from the first hour.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class HistoryBackfillEndToEndTests(SharedServices services) : IAsyncLifetime
{
    private readonly string _siteId = "hist" + Guid.NewGuid().ToString("N")[..8];
    private readonly int _httpPort = FreePort.Next();
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-history-").FullName;
    private EmulatedSite? _emulated;
    private WebApplication? _server;
    private const string OperatorToken = "history-operator-token";

    private string SiteYaml => TestSites.Builder(_siteId).Household("h01", occupants: 2).Household("h02", occupants: 4)
        .Asset("pv-1", AssetKind.PvArray, ("peak_kw", 12))
        .Asset("pile-1", AssetKind.CompostPile, ("sanitisation_rule", "epa_in_vessel"))
        .Asset("tank-1", AssetKind.RainTank, ("shape", "vertical_cylinder"), ("diameter_m", 2), ("height_m", 2), ("roof_area_m2", 200))
        .Gateway("gw-homes").Gateway("gw-shared")
        .Device("h01-meter", "gw-homes", DeviceKinds.Sdm630, $"modbus-tcp://127.0.0.1:{FreePort.Next()}", Roles.HouseholdMeter, household: "h01", address: 1)
        .Device("h02-meter", "gw-homes", DeviceKinds.Sdm630, $"modbus-tcp://127.0.0.1:{FreePort.Next()}", Roles.HouseholdMeter, household: "h02", address: 1)
        .Device("pv-1-inverter", "gw-shared", DeviceKinds.SunSpecInverter, $"modbus-tcp://127.0.0.1:{FreePort.Next()}", Roles.PvProduction,
            asset: "pv-1", address: 1)
        .Device("pile-1-t50", "gw-shared", DeviceKinds.Ds18b20, "w1://28-00000a1c0101", Roles.CompostTemperature, asset: "pile-1")
        .Device("tank-1-level", "gw-shared", DeviceKinds.TankLevel4To20mA, "i2c://1/0x48", Roles.TankLevel, asset: "tank-1")
        .ToYaml();

    public async Task InitializeAsync()
    {
        var siteFile = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(siteFile, SiteYaml);
        var secrets = Path.Combine(_folder, "households.secrets");
        await File.WriteAllTextAsync(secrets, HouseholdTokenStore.FileLine(HouseholdTokenStore.Operator, OperatorToken) + "\n");
        _server = ServerApp.Build([
            "--site", siteFile, "--urls", $"http://127.0.0.1:{_httpPort}",
            "--Mqtt:Embedded", "false", "--Mqtt:Port", services.MqttPort.ToString(CultureInfo.InvariantCulture),
            "--Store:Kind", "sqlite", "--Store:SqlitePath", Path.Combine(_folder, "lustrac.db"),
            "--Privacy:SecretsFile", secrets, "--Quarantine:File", Path.Combine(_folder, "quarantine.jsonl"),
            "--Autonomy:BackfillDays", "3", "--Logging:LogLevel:Default", "Warning",
        ]);
        await _server.StartAsync();
        _emulated = await EmulatedSite.StartAsync(SiteLoader.LoadFile(siteFile), new EmulatedSiteOptions
        {
            HistoryDays = 2, EphemeralPorts = true, W1Root = Path.Combine(_folder, "w1"),
        });
    }

    [Fact]
    public async Task Two_days_of_backfill_give_every_interval_of_those_days_measured()
    {
        var site = _emulated!;
        var report = await new HistoryPublisher("127.0.0.1", services.MqttPort, "history-" + _siteId)
            .PublishAsync(new HistorySampler(site), _siteId, site.ModelOrigin, site.Clock.Start, TimeSpan.FromMinutes(15), TextWriter.Null, CancellationToken.None);
        Assert.Equal(5, report.Devices);
        Assert.Equal(2 * 96 + 1, report.Steps); // both ends: the last sample closes the last interval
        Assert.Equal(5L * report.Steps, report.Messages);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
        string At(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var (from, to) = (site.ModelOrigin, report.To);

        JsonElement figures = default;
        await Eventually.TrueAsync(async () =>
        {
            figures = await http.GetFromJsonAsync<JsonElement>($"api/autonomy?from={At(from)}&to={At(to)}&resolution=interval");
            return figures.GetProperty("total").GetProperty("quality").GetProperty("intervals").GetProperty("measured").GetInt32() == 192;
        }, TimeSpan.FromMinutes(3), "all 192 intervals of the two days measured");
        var total = figures.GetProperty("total");
        Assert.Equal(1.0, total.GetProperty("quality").GetProperty("coverage").GetDouble());
        Assert.Equal(0, figures.GetProperty("counter_events").GetArrayLength());
        // The truth: what the emulated inverter's lifetime counter gained over the two days.
        var produced = (site.InverterValues("pv-1-inverter", to).LifetimeWh - site.InverterValues("pv-1-inverter", from).LifetimeWh) / 1000;
        Assert.Equal(produced, total.GetProperty("production_kwh").GetDouble(), 0.01);

        // The whole Paris day inside the two days, as the demo checks it.
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, paris).DateTime).AddDays(1);
        string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = await http.GetFromJsonAsync<JsonElement>($"api/autonomy?from={Date(day)}&to={Date(day.AddDays(1))}&resolution=day");
        Assert.Equal(1, days.GetProperty("periods").GetArrayLength());
        Assert.Equal(1.0, days.GetProperty("periods")[0].GetProperty("quality").GetProperty("coverage").GetDouble());

        var water = await http.GetFromJsonAsync<JsonElement>($"api/water?from={At(from)}&to={At(to)}");
        Assert.NotEqual(JsonValueKind.Null, water.GetProperty("tanks")[0].GetProperty("days_left").ValueKind);
        var register = await http.GetStringAsync($"api/compost/pile-1/register.csv?from={At(from)}&to={At(to)}");
        Assert.StartsWith(At(from), register.Split('\n')[1]);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) { await _server.StopAsync(); await _server.DisposeAsync(); }
        if (_emulated is not null) await _emulated.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
