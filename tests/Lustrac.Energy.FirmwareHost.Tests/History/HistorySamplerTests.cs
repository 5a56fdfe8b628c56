using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.History;
using Lustrac.Energy.FirmwareHost.Tests.Support;
using Lustrac.Energy.Protocol.Site;
using Microsoft.Extensions.Time.Testing;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.FirmwareHost.Tests.History;

/// <summary>
/// The backfill reads the same models the live devices serve, started <c>HistoryDays</c> before the simulated start,
/// so the history a server receives ends on the counters the live meters continue from (no reset between them).
/// </summary>
public sealed class HistorySamplerTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 21, 11, 7, 30, TimeSpan.Zero);

    private static Task<EmulatedSite> StartAsync(SiteModel model, string? w1Root = null) => EmulatedSite.StartAsync(model, new EmulatedSiteOptions
    {
        Start = Start, Speed = 1, HistoryDays = 2, EphemeralPorts = true, W1Root = w1Root,
        TimeProvider = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)),
    });

    private static double Value(HistorySample sample, string quantity) => sample.Readings.Single(r => r.Quantity == quantity).Value;

    [Fact]
    public async Task The_history_starts_two_days_back_on_the_step_grid_and_ends_on_the_counters_the_live_meter_serves()
    {
        await using var site = await StartAsync(FrozenSite.Model);
        Assert.Equal(new DateTimeOffset(2026, 6, 19, 11, 0, 0, TimeSpan.Zero), site.ModelOrigin); // 11:07:30 floored to 15 min, − 2 days
        var sampler = new HistorySampler(site);
        Assert.Equal(32, sampler.DeviceCount); // 30 household meters and 2 inverters
        Assert.Empty(sampler.Skipped);

        var first = sampler.At(site.ModelOrigin).Single(s => s.Device.Id == "h01-meter");
        var last = sampler.At(new DateTimeOffset(2026, 6, 21, 11, 0, 0, TimeSpan.Zero)).Single(s => s.Device.Id == "h01-meter");
        var live = site.MeterValues("h01-meter"); // what the Modbus registers hold at the simulated start, 7.5 min later
        Assert.Equal(Math.Round(site.MeterValues("h01-meter", site.ModelOrigin).ImportKwh, 3), Value(first, "energy_import"));
        // Two days of a household's import: a few kWh to a few tens; the live counter is a few minutes further on.
        Assert.InRange(Value(last, "energy_import") - Value(first, "energy_import"), 2, 60);
        Assert.InRange(live.ImportKwh - Value(last, "energy_import"), -0.0005, 0.5);
        Assert.Equal(["energy_import", "energy_export", "active_power"], last.Readings.Select(r => r.Quantity));
    }

    [Fact]
    public async Task An_inverter_publishes_its_lifetime_production_in_kWh_and_it_grows_at_noon()
    {
        await using var site = await StartAsync(FrozenSite.Model);
        var sampler = new HistorySampler(site);
        HistorySample At(int hour) => sampler.At(new DateTimeOffset(2026, 6, 20, hour, 0, 0, TimeSpan.Zero)).Single(s => s.Device.Id == "pv-hangar-inverter");
        var (morning, afternoon) = (At(10), At(14));
        Assert.Equal(Math.Round(site.InverterValues("pv-hangar-inverter", morning.Time).LifetimeWh / 1000, 3), Value(morning, "energy_produced"));
        // 60 kWp over four midsummer midday hours: well over 100 kWh, under the 240 of full peak power.
        Assert.InRange(Value(afternoon, "energy_produced") - Value(morning, "energy_produced"), 100, 240);
        Assert.True(Value(morning, "active_power") > 10_000);
    }

    [Fact]
    public async Task Compost_probes_and_tank_sensors_have_a_past_from_the_same_models()
    {
        var w1 = Directory.CreateTempSubdirectory("lustrac-history-w1-").FullName;
        try
        {
            var model = TestSites.Builder("hist").Household("h01")
                .Asset("pile-1", AssetKind.CompostPile, ("sanitisation_rule", "epa_in_vessel"))
                .Asset("tank-1", AssetKind.RainTank, ("shape", "vertical_cylinder"), ("diameter_m", 2), ("height_m", 2), ("roof_area_m2", 100))
                .Gateway("gw-1")
                .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h01", address: 1)
                .Device("pile-1-t60", "gw-1", DeviceKinds.Ds18b20, "w1://28-00000a1c0009", Roles.CompostTemperature, asset: "pile-1",
                    settings: ("depth_m", 0.6))
                .Device("tank-1-level", "gw-1", DeviceKinds.TankLevel4To20mA, "i2c://1/0x48", Roles.TankLevel, asset: "tank-1")
                .Model();
            await using var site = await StartAsync(model, w1);
            var sampler = new HistorySampler(site);
            var t = new DateTimeOffset(2026, 6, 20, 6, 0, 0, TimeSpan.Zero);
            var samples = sampler.At(t).ToDictionary(s => s.Device.Id);

            Assert.Equal(Math.Round(site.Physics.CompostPiles["pile-1"].TemperatureC(t, 0.6), 3), Value(samples["pile-1-t60"], "temperature"));
            var depth = Value(samples["tank-1-level"], "tank_level");
            Assert.Equal(Math.Round(site.Physics.Tanks["tank-1"].DepthAt(t), 3), depth);
            Assert.Equal(Math.Round(Math.PI * 1 * 1 * depth * 1000, 1), Value(samples["tank-1-level"], "tank_volume"), 1); // πr²h, in litres
        }
        finally { Directory.Delete(w1, recursive: true); }
    }
}
