using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Scenarios;
using static Lustrac.Energy.Autonomy.Tests.Scenarios.ScenarioCases;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Scenarios;

public class MorePvGoldenTests
{
    // Two days, hourly. Household A imports 1 kWh every hour, B 0.5 kWh (no own PV): 1.5 kWh/h, 36 kWh a day.
    // Shared array pv-atelier: day 1 1 kWh at 10–13 h, day 2 2 kWh at 10–13 h (4 intervals each); pv-hangar makes 0.
    // Key: default dynamic (pro rata of demand). Hand computation, per sunny hour:
    //   actual day 1: P = 1 < 1.5 → all used, A 2/3, B 1/3; day: locally 4, SS 4/36 = 11.111 %, SC 100 %, import 32, export 0.
    //   actual day 2: P = 2 ≥ 1.5 → A 1, B 0.5, export 0.5/h; locally 6, SS 16.667 %, SC 6/8 = 75 %, import 30, export 2.
    //   ×2 day 1: P = 2 → as actual day 2: locally 6, SS 16.667 %, SC 75 %, import 30, export 2 (Δ import −2, Δ SS +5.556 pp).
    //   ×2 day 2: P = 4 → locally 6, export 2.5/h = 10, SC 6/16 = 37.5 % (Δ SC −37.5 pp), SS unchanged.
    //   range: actual locally 10 / 72 = 13.889 %, SC 10/12 = 83.333 %; ×2: 12/72 = 16.667 %, SC 12/24 = 50 %; Δ SS +2.778 pp.
    //   household A, ×2 day 1: allocated 4 × 1 = 4 of 24 → 16.667 % (actual 4 × 2/3 = 2.667 → 11.111 %).
    private static ScenarioOutcome Run(double factor)
    {
        var grid = new IntervalGrid(Start, 48, 60);
        var pv = Hours(48, 0, (10, 1), (11, 1), (12, 1), (13, 1), (34, 2), (35, 2), (36, 2), (37, 2));
        var history = History(grid, [Home("A", Hours(48, 1)), Home("B", Hours(48, 0.5))], ("pv-atelier", pv), ("pv-hangar", new double[48]));
        return ScenarioEngine.Run(history, new ScenarioChanges(ScaledArrays: [new ScaledArray("pv-atelier", factor)]));
    }

    [Fact]
    public void Doubling_an_array_on_two_days_matches_the_hand_computation_by_day_and_over_the_range()
    {
        var days = ScenarioComparison.Compare(Run(2), ScenarioResolution.Day).Where(r => r.Household is null).ToArray();
        Assert.Equal(2, days.Length);
        Near(4.0 / 36, days[0].Actual.SelfSufficiency, FractionTolerance);
        Near(1, days[0].Actual.SelfConsumption, FractionTolerance);
        Near(6.0 / 36, days[0].Scenario.SelfSufficiency, FractionTolerance);
        Near(0.75, days[0].Scenario.SelfConsumption, FractionTolerance);
        Near(30, days[0].Scenario.Energy.Import);
        Near(2, days[0].Scenario.Energy.Export);
        Near(-2, days[0].Change.ImportKwh);
        Near(5.5556, days[0].Change.SelfSufficiencyPoints, 0.001);
        Near(6.0 / 36, days[1].Scenario.SelfSufficiency, FractionTolerance);
        Near(10, days[1].Scenario.Energy.Export);
        Near(0.375, days[1].Scenario.SelfConsumption, FractionTolerance);
        Near(-37.5, days[1].Change.SelfConsumptionPoints, 0.001);

        var range = ScenarioComparison.Compare(Run(2), ScenarioResolution.Range);
        var all = range.Single(r => r.Household is null);
        Near(10.0 / 72, all.Actual.SelfSufficiency, FractionTolerance);
        Near(12.0 / 72, all.Scenario.SelfSufficiency, FractionTolerance);
        Near(0.5, all.Scenario.SelfConsumption, FractionTolerance);
        Near(2.7778, all.Change.SelfSufficiencyPoints, 0.001);
        var a = ScenarioComparison.Compare(Run(2), ScenarioResolution.Day).First(r => r.Household == "A");
        Near(8.0 / 3, a.Actual.Energy.Allocated);
        Near(4, a.Scenario.Energy.Allocated);
        Near(4.0 / 24, a.Scenario.SelfSufficiency, FractionTolerance);
    }

    // A new array gets clear sky × kWp × the measured performance ratio. Fake sky: 1 kWh/kWp at 12 h, 0.5 at 11 h and
    // 13 h, whatever the plane. Existing array: 10 kWp (ScenarioCases), measured 4 at 11 h, 8 at 12 h, 4 at 13 h = 16
    // of a clear sky of 10 × 2 = 20 → PR = 0.8. Added 5 kWp: 0.5 × 5 × 0.8 = 2 at 11 h, 4 at 12 h, 2 at 13 h.
    [Fact]
    public void An_added_array_is_the_clear_sky_scaled_by_its_peak_power_and_the_measured_performance_ratio()
    {
        static double Sky(DateTime t, TimeSpan l, double tilt, double az) => t.Hour == 12 ? 1 : t.Hour is 11 or 13 ? 0.5 : 0;
        var grid = new IntervalGrid(Start, 24, 60);
        var history = History(grid, [Home("A", Hours(24, 10))], ("pv-atelier", Hours(24, 0, (11, 4), (12, 8), (13, 4)))) with { ClearSkyKwhPerKwp = Sky };
        var intervals = new EnergyRecorder(grid, ["A"]);
        var o = ScenarioEngine.Run(history, new ScenarioChanges(AddedArrays: [new AddedArray("atelier-2", 5, 30, 180)]), intervals);
        Near(0.8, o.Scenario.PerformanceRatio);
        var nb = intervals.Result.Neighbourhood;
        Near(4 + 2, nb[11].Parts.Production);
        Near(8 + 4, nb[12].Parts.Production);
        Near(16 + 8, nb.Sum(r => r.Parts.Production));
        Near(16 + 8, o.Scenario.Energy.ByDay(null).Sum(r => r.Sum.Production));
    }
}
