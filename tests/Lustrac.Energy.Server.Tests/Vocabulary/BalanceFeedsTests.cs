using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Vocabulary;

/// <summary>
/// One table (<see cref="BalanceFeeds"/>) says which device quantities feed which balance; the readings the figures load
/// and the readings that call for a recomputation both come from it, so they can no longer disagree.
/// </summary>
public sealed class BalanceFeedsTests
{
    [Fact]
    public void Every_role_feeds_exactly_one_balance_and_a_tank_sensor_feeds_by_what_it_reports()
    {
        foreach (var role in typeof(Roles).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
            Assert.Contains(BalanceFeeds.All, f => f.Role == role);
        Assert.Equal(BalanceFeeds.TankDepthSensor, BalanceFeeds.Of(Device(Roles.TankLevel)));
        Assert.Equal(BalanceFeeds.TankVolumeSensor, BalanceFeeds.Of(Device(Roles.TankLevel, (BalanceFeeds.ReportsSetting, BalanceFeeds.ReportsVolume))));
        Assert.Equal(BalanceFeeds.Battery, BalanceFeeds.Of(Device(Roles.Battery)));
        var unknown = Assert.Throws<ArgumentException>(() => BalanceFeeds.Of(Device("heat_pump")));
        Assert.Contains("device 'd1': role 'heat_pump' feeds no balance", unknown.Message);
    }

    [Fact]
    public void The_recalculation_reacts_to_exactly_the_quantities_the_figures_read()
    {
        var plan = SitePlan.From(TestSite.Model());
        var recalculation = new LateDataQueue(plan);

        // Read by the computation (the loader's counters and gauges) = what calls for a recomputation, device by device.
        var loaded = SiteReadingLoader.Counters(plan).SelectMany(c => c.Devices.Select(d => (d, c.Quantity)))
            .Concat(plan.Households.SelectMany(h => h.Meters).Select(d => (d, QuantityNames.ActivePower)));
        foreach (var (device, quantity) in loaded) Assert.True(recalculation.IsUsed(device, quantity), $"{device}/{quantity}");

        // The test site by hand: two household meters (import, export, power) and one shared PV inverter (produced).
        Assert.Equal(
            ["energy_export", "energy_import"],
            SiteReadingLoader.Counters(plan).Where(c => c.Devices.Contains("h01-meter")).Select(c => c.Quantity).Order());
        Assert.Equal(["pv-1-inverter"], SiteReadingLoader.Counters(plan).Single(c => c.Quantity == "energy_produced").Devices);
        Assert.Equal([("active_power", Balance.Energy)], SiteReadingLoader.Gauges(plan));
        Assert.True(recalculation.IsUsed("h02-meter", "active_power"));
        Assert.False(recalculation.IsUsed("pv-1-inverter", "active_power")); // the live view's, not the figures'
        Assert.False(recalculation.IsUsed("h01-meter", "voltage"));
        Assert.False(recalculation.IsUsed("h01-meter", "energy_produced"));
    }

    private static Device Device(string role, params (string Key, string Value)[] settings) => new(
        "d1", "gw-1", DeviceKinds.Sdm120, "modbus-tcp://127.0.0.1:1502", 1, role, null, null,
        settings.ToDictionary(s => s.Key, s => s.Value), new SourceLocation("test.yaml", 1, 1));
}
