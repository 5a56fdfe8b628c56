using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Water;

public class WaterGoldenTests
{
    [Fact]
    public void A_horizontal_cylinder_at_40_percent_depth_holds_37_35_percent_of_its_volume()
    {
        // r = 1, h = 0.8: acos(0.2) − 0.2·√(1.6 − 0.64) = 1.3694384 − 0.1959592 = 1.1734792; full = π → 0.373530
        double full = TankGeometry.HorizontalCylinderLitres(2.0, 3.0, 2.0);
        double part = TankGeometry.HorizontalCylinderLitres(2.0, 3.0, 0.8);
        Near(0.3735, part / full, FractionTolerance);
        Near(Math.PI * 3000, full, 1e-6); // π r² L in litres
        Near(0.5, TankGeometry.HorizontalCylinderLitres(2.0, 3.0, 1.0) / full, 1e-12); // half depth, half volume
    }

    [Fact]
    public void Vertical_cylinder_and_rectangular_volumes()
    {
        Near(4712.389, TankGeometry.VerticalCylinderLitres(2.0, 1.5), 0.001); // π · 1² · 1.5 m³ = 4.712389 m³
        Near(2400, TankGeometry.RectangularLitres(2.0, 1.5, 1.2, 0.8)); // 2 · 1.5 · 0.8 m³
        Near(3600, TankGeometry.RectangularLitres(2.0, 1.5, 1.2, 5.0)); // clamped to the tank height 1.2
    }

    [Fact]
    public void Water_autonomy_is_summed_rain_over_summed_use()
    {
        var grid = new IntervalGrid(Utc(2026, 6, 1, 8), 2);
        var r = WaterEngine.Compute(grid,
        [
            new HouseholdWaterMeters("a", Mains: M(100, 0), Rain: M(300, 0)),
            new HouseholdWaterMeters("b", Mains: M(100, 0)),
        ]);
        Near(0.75, r.Households[0][0].Parts.Autonomy, FractionTolerance); // 300 / 400
        Assert.Null(r.Households[0][1].Parts.Autonomy); // nothing drawn: undefined, not 0 % or 100 %
        var total = Rollup.Range<WaterParts>(r.Neighbourhood, grid.StartUtc, grid.EndUtc, grid.Length);
        Near(0.6, total.Sum.Autonomy, FractionTolerance); // 300 / (300 + 100 + 100)
    }

    [Fact]
    public void Days_of_autonomy_are_stock_over_recent_daily_draw_and_say_no_draw_when_nothing_is_drawn()
    {
        Near(15, RainHarvest.DaysOfAutonomy(3000, 1400, 7).Days); // 3000 / (1400/7 = 200 L/day)
        var none = RainHarvest.DaysOfAutonomy(3000, 0, 7);
        Assert.Null(none.Days);
        Assert.Equal("no draw", none.Reason);
    }

    [Fact]
    public void Expected_harvest_is_roof_area_times_rainfall_times_runoff()
    {
        Near(1080, RainHarvest.ExpectedLitres(120, 10)); // 120 m² × 10 mm × 0.9
        Near(960, RainHarvest.ExpectedLitres(120, 10, 0.8));
        Near(0.5, RainHarvest.HarvestEfficiency(540, 1080));
        Assert.Null(RainHarvest.HarvestEfficiency(0, 0));
    }
}
