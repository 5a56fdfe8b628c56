using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.Protocol.Site;
using TankGeometry = Lustrac.Energy.FirmwareHost.Physics.TankGeometry;

namespace Lustrac.Energy.FirmwareHost.Tests.Physics;

public sealed class RainAndTankTests
{
    [Fact]
    public void Ten_years_of_rain_average_the_agen_figures()
    {
        var rain = new RainModel(seed: 1);
        var start = new DateOnly(2020, 1, 1);
        var days = Enumerable.Range(0, 3652).Select(i => rain.Day(start.AddDays(i))).ToArray();

        Assert.Equal(712, days.Sum(d => d.TotalMm) / 10, 60.0);
        Assert.Equal(107, days.Count(d => d.TotalMm > 0) / 10.0, 8.0);
    }

    [Fact]
    public void Rain_fallen_over_a_span_is_the_integral_of_the_intensity()
    {
        var rain = new RainModel(seed: 4);
        var from = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddDays(20);
        var step = TimeSpan.FromMinutes(1);
        var integrated = 0.0;
        for (var t = from; t < to; t += step) integrated += rain.IntensityMmPerHour(t + step / 2) * step.TotalHours;

        Assert.True(integrated > 1, "twenty October days see some rain");
        Assert.Equal(rain.FallenMm(from, to), integrated, 0.05);
    }

    [Fact]
    public void Horizontal_cylinder_at_40_percent_depth_holds_37_35_percent_of_its_volume()
    {
        var tank = new TankGeometry(TankShape.HorizontalCylinder, 2.0, 4.0, 0, 2.0);

        Assert.Equal(0.3735, tank.LitresAt(0.8) / tank.CapacityLitres, 0.0005);
        Assert.Equal(Math.PI * 1 * 1 * 4 * 1000, tank.CapacityLitres, 1e-6);
        Assert.Equal(0.8, tank.DepthAt(tank.LitresAt(0.8)), 1e-6);
    }

    [Fact]
    public void A_tank_fills_with_rain_drains_with_use_and_stays_within_its_capacity()
    {
        var rain = new RainModel(seed: 2);
        var geometry = new TankGeometry(TankShape.VerticalCylinder, 2.5, 0, 0, 2.4);
        var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var tank = new TankModel("t", geometry, 450, rain, _ => 40, origin, seed: 2);

        var levels = Enumerable.Range(0, 24 * 120).Select(h => tank.LitresAt(origin.AddHours(h))).ToArray();

        Assert.All(levels, l => Assert.InRange(l, 0, geometry.CapacityLitres));
        var rises = levels.Zip(levels.Skip(1), (a, b) => b - a).ToArray();
        Assert.Contains(rises, r => r > 100);                 // a rainy hour on 450 m² of roof
        Assert.Contains(rises, r => r is < 0 and > -41);      // a dry hour: 40 L drawn
        var again = new TankModel("t", geometry, 450, rain, _ => 40, origin, seed: 2);
        Assert.Equal(levels[2000], again.LitresAt(origin.AddHours(2000)), 1e-6); // independent of read pattern
        Assert.Equal(levels[100], tank.LitresAt(origin.AddHours(100)), 1e-6);    // reading back in time
    }
}

public sealed class WaterSplitTests
{
    private static readonly DateTimeOffset Origin = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Wc_water_comes_from_the_tank_while_it_holds_water_and_from_the_mains_once_it_is_dry()
    {
        // tank-nord shrunk to a 0.1 m³ barrel with no roof: it runs dry within hours.
        var yaml = File.ReadAllText(Support.RepoFiles.SampleSite)
            .Replace("diameter_m: 2.5\n    height_m: 2.4\n    roof_area_m2: 450", "diameter_m: 0.5\n    height_m: 0.5\n    roof_area_m2: 0");
        var physics = new SitePhysics(SiteLoader.Parse(yaml), seed: 1, origin: Origin);
        var served = physics.Site.Households.First(h => physics.TankServing(h.Id)?.Id == "tank-nord").Id;
        var morning = Origin.AddMinutes(30); // the barrel still holds its starting 30–80 %

        var (mainsFull, rainFull) = physics.WaterFlowLitresPerHour(served, morning);
        var total = physics.Water[served].FlowLitresPerHour(morning);
        Assert.Equal(total, mainsFull + rainFull, 1e-9);
        Assert.Equal(0.2 * total, rainFull, 1e-9);

        var later = morning.AddDays(2);
        Assert.Equal(0, physics.Tanks["tank-nord"].LitresAt(later), 1e-9);
        var (mainsDry, rainDry) = physics.WaterFlowLitresPerHour(served, later);
        Assert.Equal(0, rainDry);
        Assert.Equal(physics.Water[served].FlowLitresPerHour(later), mainsDry, 1e-9);
    }
}
