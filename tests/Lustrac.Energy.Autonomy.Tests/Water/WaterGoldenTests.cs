using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Water;

public class WaterGoldenTests
{
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
