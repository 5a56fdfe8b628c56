using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Gateway;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Lustrac.Energy.EndToEnd.Tests;

/// <summary>
/// One reading the whole way: emulated SDM630 on Modbus TCP → gateway → real Mosquitto → server → real
/// InfluxDB, and out through /api/live. Every hop is the production code path; nothing is mocked.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class OneReadingEndToEndTests(SharedServices services) : IAsyncLifetime
{
    private readonly string _siteId = "e2e" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _database = "e2e" + Guid.NewGuid().ToString("N")[..8];
    private readonly int _modbusPort = FreePort.Next();
    private readonly int _httpPort = FreePort.Next();
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-e2e-").FullName;
    private EmulatedSite? _emulated;
    private WebApplication? _server;
    private IHost? _gateway;
    private const string OperatorToken = "e2e-operator-token";

    private string SiteYaml => TestSites.Builder(_siteId).Household("h01", consent: true)
        .Asset("pv-1", AssetKind.PvArray, ("peak_kw", 9))
        .Gateway("gw-1", pollSeconds: 1)
        .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, $"modbus-tcp://127.0.0.1:{_modbusPort}", Roles.HouseholdMeter, household: "h01", address: 1)
        .Device("pv-1-inverter", "gw-1", DeviceKinds.SunSpecInverter, $"modbus-tcp://127.0.0.1:{_modbusPort}", Roles.PvProduction, asset: "pv-1", address: 2)
        .ToYaml();

    public async Task InitializeAsync()
    {
        var siteFile = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(siteFile, SiteYaml);
        // /api/live shows a home's meter to its household, or to the operator when it consented (h01 does).
        var secrets = Path.Combine(_folder, "households.secrets");
        await File.WriteAllTextAsync(secrets, HouseholdTokenStore.FileLine(HouseholdTokenStore.Operator, OperatorToken) + "\n");
        _emulated = await EmulatedSite.StartAsync(SiteLoader.LoadFile(siteFile), new EmulatedSiteOptions { Seed = 7 });
        _server = ServerApp.Build([
            "--site", siteFile, "--urls", $"http://127.0.0.1:{_httpPort}",
            "--Mqtt:Embedded", "false", "--Mqtt:Port", services.MqttPort.ToString(CultureInfo.InvariantCulture),
            "--Store:Kind", "influxdb", "--Store:InfluxUrl", services.InfluxUrl.ToString(), "--Store:InfluxDatabase", _database,
            "--Privacy:SecretsFile", secrets,
        ]);
        await _server.StartAsync();
        _gateway = GatewayApp.Build(["--site", siteFile, "--gateway", "gw-1", "--mqtt-host", "127.0.0.1", "--outbox", Path.Combine(_folder, "outbox"),
            "--mqtt-port", services.MqttPort.ToString(CultureInfo.InvariantCulture)]);
        await _gateway.StartAsync();
    }

    [Fact]
    public async Task A_meter_reading_arrives_in_influxdb_with_its_tags_unit_and_timestamp()
    {
        using var influx = new HttpClient { BaseAddress = services.InfluxUrl };
        var point = await Eventually(async () =>
        {
            var json = await influx.GetStringAsync($"query?db={_database}&q=" + Uri.EscapeDataString(
                "SELECT * FROM \"energy_import\" WHERE \"device\" = 'h01-meter' ORDER BY time DESC LIMIT 1"));
            using var doc = JsonDocument.Parse(json);
            var result = doc.RootElement.GetProperty("results")[0];
            if (!result.TryGetProperty("series", out var series)) return null;
            var columns = series[0].GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            var values = series[0].GetProperty("values")[0].EnumerateArray().ToList();
            return columns.Zip(values).ToDictionary(p => p.First, p => p.Second.Clone());
        });

        Assert.Equal(_siteId, point["site"].GetString());
        Assert.Equal("gw-1", point["gateway"].GetString());
        Assert.Equal("h01", point["household"].GetString());
        Assert.Equal("household_meter", point["role"].GetString());
        Assert.Equal("kWh", point["unit"].GetString());
        Assert.Equal("good", point["quality"].GetString());
        var time = DateTimeOffset.Parse(point["time"].GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(time, DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow.AddSeconds(1));
        // The value the emulated meter held at that instant, within float32 precision and the read's few ms.
        var truth = _emulated!.MeterValues("h01-meter", time).ImportKwh;
        Assert.Equal(truth, point["value"].GetDouble(), 0.01);
    }

    [Fact]
    public async Task Live_api_shows_the_meter_and_the_inverter_with_changing_values()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
        var first = await Eventually(async () =>
        {
            var live = await http.GetFromJsonAsync<JsonElement>("api/live");
            var devices = live.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("device").GetString()).ToList();
            return devices.Contains("h01-meter") && devices.Contains("pv-1-inverter") ? (object)live.Clone() : null;
        });
        var firstTime = ReadingTime((JsonElement)first, "h01-meter", "energy_import");

        var later = await Eventually(async () =>
        {
            var live = await http.GetFromJsonAsync<JsonElement>("api/live");
            return ReadingTime(live, "h01-meter", "energy_import") > firstTime ? (object)live.Clone() : null;
        });

        Assert.True(ReadingTime((JsonElement)later, "h01-meter", "energy_import") > firstTime);
        using var health = await http.GetAsync("health");
        Assert.True(health.IsSuccessStatusCode, await health.Content.ReadAsStringAsync());
    }

    private static DateTimeOffset ReadingTime(JsonElement live, string device, string quantity) =>
        live.GetProperty("devices").EnumerateArray().Where(d => d.GetProperty("device").GetString() == device)
            .SelectMany(d => d.GetProperty("readings").EnumerateArray())
            .Where(r => r.GetProperty("quantity").GetString() == quantity)
            .Select(r => DateTimeOffset.Parse(r.GetProperty("time").GetString()!, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(DateTimeOffset.MinValue).Max();

    /// <summary>Polls until the probe finds something (null means not yet), or fails after a deadline.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T?>> probe, int seconds = 30) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (value is not null) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"nothing arrived within {seconds} s");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null) { await _gateway.StopAsync(); _gateway.Dispose(); }
        if (_server is not null) { await _server.StopAsync(); await _server.DisposeAsync(); }
        if (_emulated is not null) await _emulated.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
