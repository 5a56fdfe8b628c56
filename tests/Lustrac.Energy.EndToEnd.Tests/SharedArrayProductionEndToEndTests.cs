using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.EndToEnd.Tests;

/// <summary>
/// The most common way to meter a shared PV array: an Eastron SDM630 with the inverter on its load side, so production
/// flows backwards through it and is counted on its export register. Emulated by firmware-host, read by the real
/// gateway, carried by real Mosquitto, computed by the real server: the array's production must show in /api/autonomy
/// (before the role decided the quantity, the meter published energy_export and the array showed zero production).
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class SharedArrayProductionEndToEndTests(SharedServices services) : IAsyncLifetime
{
    private readonly string _siteId = "pv" + Guid.NewGuid().ToString("N")[..8];
    private readonly int _modbusPort = FreePort.Next();
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-pvmeter-").FullName;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private EmulatedSite? _emulated;
    private ServerAndGateway? _stack;

    // One-minute intervals and a one-second grace, so an interval closes within two minutes of wall time.
    private string SiteYaml => TestSites.Builder(_siteId, intervalMinutes: 1).Household("h01")
        .Asset("pv-1", AssetKind.PvArray, ("peak_kw", 9))
        .Gateway("gw-1", pollSeconds: 1)
        .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, $"modbus-tcp://127.0.0.1:{_modbusPort}", Roles.HouseholdMeter, household: "h01", address: 1)
        .Device("pv-1-meter", "gw-1", DeviceKinds.Sdm630, $"modbus-tcp://127.0.0.1:{_modbusPort}", Roles.PvProduction, asset: "pv-1", address: 2)
        .ToYaml();

    public async Task InitializeAsync()
    {
        var siteFile = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(siteFile, SiteYaml);
        // Midsummer noon at 60× speed: one wall minute is a simulated hour of a 9 kWp array near its peak.
        _emulated = await EmulatedSite.StartAsync(SiteLoader.LoadFile(siteFile), new EmulatedSiteOptions
        {
            Seed = 3, Speed = 60, Start = new DateTimeOffset(2026, 6, 21, 11, 0, 0, TimeSpan.Zero),
        });
        _stack = await ServerAndGateway.StartAsync(siteFile, _folder, services.MqttPort);
    }

    [Fact]
    public async Task The_export_register_of_the_arrays_meter_is_the_arrays_production_in_the_autonomy_figures()
    {
        using var http = _stack!.Api();
        var period = await ServerAndGateway.FirstMeasuredIntervalAsync(http, _startedAt);

        var start = DateTimeOffset.Parse(period.GetProperty("start").GetString()!, CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(period.GetProperty("end").GetString()!, CultureInfo.InvariantCulture);
        // The truth: what the emulated meter's export register counted over the interval (a simulated hour near noon,
        // a few kWh for 9 kWp). Counters are interpolated between readings one second (a simulated minute) apart.
        var clock = _emulated!.Clock; // the gateway stamps wall time; the emulated meter counts simulated time
        var truth = _emulated.MeterValues("pv-1-meter", clock.SimulatedAt(end)).ExportKwh - _emulated.MeterValues("pv-1-meter", clock.SimulatedAt(start)).ExportKwh;
        Assert.InRange(truth, 2, 9);
        Assert.Equal(truth, period.GetProperty("production_kwh").GetDouble(), 0.05);

        // The server accepts and stores what the meters now publish besides: nothing refused, the phases live.
        var quarantine = await http.GetFromJsonAsync<JsonElement>("api/quarantine");
        Assert.Equal(0, quarantine.GetProperty("total").GetInt32());
        var live = await http.GetFromJsonAsync<JsonElement>("api/live");
        var pvQuantities = live.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("device").GetString() == "pv-1-meter")
            .GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("quantity").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "energy_produced", "current_l3", "active_power_l1", "power_factor", "reactive_energy_export" }, pvQuantities);
        Assert.DoesNotContain("energy_export", pvQuantities);
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
        if (_emulated is not null) await _emulated.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
