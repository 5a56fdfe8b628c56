// Keeps literal YAML: the tests check how the loader reads meter settings as written, and its messages.
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Protocol.Tests;

/// <summary>The role decides the quantity: which register of a PV or battery meter gives which counter.</summary>
public class MeterCountersTests
{
    private static string Site(string pvSettings = "", string batterySettings = "", string householdSettings = "") => $"""
        site:
          id: demo
          latitude: 44.4
          longitude: 0.85
        households:
          - id: h01
        assets:
          - id: pv-1
            kind: pv_array
            peak_kw: 36
          - id: bat-1
            kind: battery
            household: h01
        gateways:
          - id: gw-1
        devices:
          - id: h01-meter
            gateway: gw-1
            kind: sdm630
            bus: modbus-tcp://127.0.0.1:1502
            address: 1
            role: household_meter
            household: h01{householdSettings}
          - id: pv-1-meter
            gateway: gw-1
            kind: sdm630
            bus: modbus-tcp://127.0.0.1:1502
            address: 2
            role: pv_production
            asset: pv-1{pvSettings}
          - id: bat-1-meter
            gateway: gw-1
            kind: sdm120
            bus: modbus-tcp://127.0.0.1:1502
            address: 3
            role: battery
            asset: bat-1{batterySettings}
        """;

    private static string Settings(string line) => $"\n    settings:\n      {line}";

    [Fact]
    public void A_pv_meter_counts_production_on_export_by_default_and_says_so()
    {
        var site = SiteLoader.Parse(Site());

        var notices = MeterCounters.Notices(site.Devices).ToList();

        Assert.Equal([
            "device 'pv-1-meter' (sdm630, pv_production) publishes energy_produced from its export register (0x004A, the default; set 'production_counter: import' if it is wired the other way round).",
            "device 'bat-1-meter' (sdm120, battery) publishes energy_charged from its import register (0x0048, the default; set 'charge_counter: export' if it is wired the other way round) and energy_discharged from its export register (0x004A, the default; set 'discharge_counter: import' if it is wired the other way round).",
        ], notices);
        Assert.True(MeterCounters.ForwardIsExport(site.FindDevice("pv-1-meter")!));
    }

    [Fact]
    public void A_setting_chooses_the_other_register_and_the_notice_names_it()
    {
        var site = SiteLoader.Parse(Site(pvSettings: Settings("production_counter: import")));
        var pv = site.FindDevice("pv-1-meter")!;

        var wiring = Assert.Single(MeterCounters.For(pv));

        Assert.Equal(new CounterWiring("energy_produced", MeterRegister.Import, "production_counter", IsDefault: false), wiring);
        Assert.False(MeterCounters.ForwardIsExport(pv));
        Assert.Contains("energy_produced from its import register (0x0048, set by 'production_counter')", MeterCounters.Notice(pv));
    }

    [Theory]
    [InlineData("production_counter: exports", "setting production_counter: 'exports' is not a meter register; use export or import.")]
    [InlineData("production_counter: import\n      charge_counter: import", "sets 'charge_counter', which only applies to an sdm120, sdm630 or sunspec_meter in role battery.")]
    public void A_wrong_pv_setting_stops_start_up_with_what_to_write(string settings, string expected)
    {
        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.Parse(Site(pvSettings: Settings(settings))));

        var problem = Assert.Single(ex.Problems);
        Assert.Contains(expected, problem.Message);
        Assert.Contains("pv-1-meter", problem.Message);
    }

    [Fact]
    public void A_battery_cannot_count_charge_and_discharge_on_one_register()
    {
        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.Parse(Site(batterySettings: Settings("discharge_counter: import"))));

        Assert.Contains("counts charge and discharge on the same import register", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void A_household_meter_has_no_counter_setting()
    {
        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.Parse(Site(householdSettings: Settings("production_counter: export"))));

        Assert.Contains("'production_counter', which only applies to", Assert.Single(ex.Problems).Message);
        Assert.Empty(MeterCounters.For(SiteLoader.Parse(Site()).FindDevice("h01-meter")!));
    }
}
