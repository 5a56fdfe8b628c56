using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.EndToEnd.Tests;

/// <summary>
/// A home metered by its Linky alone: firmware-host's Linky on a pty pair, the real gateway reading it over socat,
/// real Mosquitto, the real server. The household's consumption in /api/autonomy is what the meter's indexes counted.
/// Standard mode, in real time from now: the server needs the injection index (EAIT → energy_export) of a household's
/// grid meter, which only standard mode sends, and the meter's date (simulated time) must agree with the gateway's
/// clock or the readings are uncertain.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class LinkyAutonomyEndToEndTests(SharedServices services) : IAsyncLifetime
{
    private readonly string _siteId = "tic" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-linky-e2e-").FullName;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private EmulatedSite? _emulated;
    private ServerAndGateway? _stack;

    // One-minute intervals and a one-second grace, so an interval closes within two minutes of wall time.
    // The test reads h01's live readings as the operator, so h01 consents.
    private string SiteYaml => TestSites.Builder(_siteId, intervalMinutes: 1).Household("h01", occupants: 4, consent: true)
        .Gateway("gw-1", pollSeconds: 2)
        .Device("h01-linky", "gw-1", DeviceKinds.LinkyTic, $"tic://{_folder}/tic-h01", Roles.HouseholdMeter, household: "h01",
            settings: ("mode", "standard"))
        .ToYaml();

    public async Task InitializeAsync()
    {
        var siteFile = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(siteFile, SiteYaml);
        _emulated = await EmulatedSite.StartAsync(SiteLoader.LoadFile(siteFile), new EmulatedSiteOptions { Seed = 7, Speed = 1 });
        _stack = await ServerAndGateway.StartAsync(siteFile, _folder, services.MqttPort);
    }

    [Fact]
    public async Task The_households_consumption_is_what_its_linky_counted()
    {
        using var http = _stack!.Api();
        var period = await ServerAndGateway.FirstMeasuredIntervalAsync(http, _startedAt);

        var start = DateTimeOffset.Parse(period.GetProperty("start").GetString()!, CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(period.GetProperty("end").GetString()!, CultureInfo.InvariantCulture);
        // The truth: the meter's indexes over the interval, a real minute of household load (a few to a few tens of Wh).
        // The meter counts whole Wh and a frame is sent within a second of the poll stamped on it: within 3 Wh.
        var clock = _emulated!.Clock;
        var truth = (_emulated.Linky.ValuesOf("h01-linky", clock.SimulatedAt(end)).TotalWh
            - _emulated.Linky.ValuesOf("h01-linky", clock.SimulatedAt(start)).TotalWh) / 1000.0;
        Assert.InRange(truth, 0.0005, 0.2);
        Assert.Equal(truth, period.GetProperty("consumption_kwh").GetDouble(), 0.003);

        var quarantine = await http.GetFromJsonAsync<JsonElement>("api/quarantine");
        Assert.Equal(0, quarantine.GetProperty("total").GetInt32());
        var live = await http.GetFromJsonAsync<JsonElement>("api/live");
        var quantities = live.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("device").GetString() == "h01-linky")
            .GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("quantity").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "energy_import", "energy_export", "energy_import_tariff_01", "energy_import_tariff_02", "apparent_power", "current", "voltage" }, quantities);
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
        if (_emulated is not null) await _emulated.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
