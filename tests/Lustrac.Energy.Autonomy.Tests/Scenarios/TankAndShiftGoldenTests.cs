using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Scenarios;
using Lustrac.Energy.Autonomy.Water;
using static Lustrac.Energy.Autonomy.Tests.Scenarios.ScenarioCases;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Scenarios;

public class TankAndShiftGoldenTests
{
    // Two days, hourly. One home draws 50 L of rain and 10 L of mains at 8, 12, 18 and 20 h each day (480 L used:
    // rain 400, mains 80 → water autonomy 83.333 %). Existing tank 1,000 L on a 100 m² roof; 5 mm of rain at 0 h on
    // day 2 (100 × 5 × 0.9 = 450 L). Measured volumes: 200 L after the first hour, 150/100/50/0 after each draw of
    // day 1 → the tank ran dry on day 1; day 2: 450 after the rain, then 400/350/300/250.
    // Scenario: +2,000 L, rain may also serve half of the mains water (55 L a draw, 220 L a day). Start at the
    // measured fill fraction 200/1000 = 20 % of 3,000 = 600 L. Day 1: 600 − 4 × 55 = 380; day 2: 380 + 450 = 830 −
    // 220 = 610. Never dry. Rain served 440, mains 480 − 440 = 40 → 91.667 % (Δ +8.333 pp), dry days 1 → 0.
    // The same replay with no extra tank: 200 − 55 − 55 − 55 = 35, the 20 h draw takes the last 35 → dry on day 1 as measured.
    private static ScenarioHistory WaterCase()
    {
        var grid = new IntervalGrid(Start, 48, 60);
        var draws = new[] { 8, 12, 18, 20, 32, 36, 42, 44 };
        var rain = Hours(48, 0, draws.Select(h => (h, 50.0)).ToArray());
        var mains = Hours(48, 0, draws.Select(h => (h, 10.0)).ToArray());
        var volume = new double?[48];
        double v = 200;
        for (int k = 0; k < 48; k++)
        {
            if (k == 24) v += 450;
            if (draws.Contains(k)) v -= 50;
            volume[k] = v;
        }
        var gauge = new double?[48];
        for (int k = 0; k < 48; k++) gauge[k] = k == 24 ? 5 : 0;
        var water = new WaterHistory([new HouseholdWaterMeters("A", M(mains), M(rain))], gauge, volume, 1000, 100);
        return History(grid, [Home("A", Hours(48, 1))], ("pv-atelier", new double[48])) with { Water = water };
    }

    [Fact]
    public void A_bigger_tank_would_not_have_run_dry_and_serves_more_of_the_water()
    {
        var o = ScenarioEngine.Run(WaterCase(), new ScenarioChanges(Tank: new TankChange(2000, 0, MainsShareForRainUses: 0.5)));
        var nb = ScenarioComparison.Compare(o, ScenarioResolution.Range).Single(r => r.Household is null);
        Assert.Equal(1, nb.Actual.DryDays);
        Assert.Equal(0, nb.Scenario.DryDays);
        Assert.Equal(-1, nb.Change.DryDays);
        Near(400.0 / 480, nb.Actual.WaterAutonomy, FractionTolerance);
        Near(440.0 / 480, nb.Scenario.WaterAutonomy, FractionTolerance);
        Near(8.3333, nb.Change.WaterAutonomyPoints, 0.001);
        Near(380, o.Scenario.Water!.TankVolumeL[23]);
        Near(610, o.Scenario.Water.TankVolumeL[47]);

        var same = ScenarioEngine.Run(WaterCase(), new ScenarioChanges(Tank: new TankChange(0, 0, MainsShareForRainUses: 0.5)));
        Assert.Equal([Start], same.Scenario.Water!.DryDaysUtc);
    }

    // Water meters in one home of two (the other has none): each home's water figures are its own, matched by id.
    [Fact]
    public void A_home_without_water_meters_has_no_water_figures_and_the_other_keeps_its_own()
    {
        var history = WaterCase();
        history = history with { Households = [Home("dry-home", Hours(48, 1)), Home("A", Hours(48, 1))] };
        var rows = ScenarioComparison.Compare(ScenarioEngine.Run(history, ScenarioChanges.None), ScenarioResolution.Range);
        Assert.Null(rows.Single(r => r.Household == "dry-home").Actual.Water);
        Near(400.0 / 480, rows.Single(r => r.Household == "A").Actual.WaterAutonomy, FractionTolerance);
    }

    // One day, hourly, one home importing 1 kWh every hour (24 kWh). Shared PV 3 kWh at 11, 12, 13 h → surplus 2/h.
    // Share 25 %, at most 1.5 kWh moved into one interval. Pool = 0.25 × 21 kWh of the hours without surplus = 5.25.
    // 11 h: min(5.25, 1.5, surplus 2) = 1.5; 12 h: 1.5; 13 h: 1.5 → moved 4.5 of 5.25 (85.714 %); each source hour
    // loses 0.25 × 0.857143 = 0.214286 → imports 0.785714. Sunny hours: consumption 2.5, all allocated, export 0.5.
    // Locally supplied 3 × 2.5 = 7.5 of 24 → SS 31.25 % (actual 3/24 = 12.5 %); import 24 − 7.5 = 16.5 (actual 21); export 1.5 (6).
    // With a cap of 5 kWh the surplus binds: 2 + 2 + the 1.25 left = 5.25, the whole pool; locally 3 + 5.25 = 8.25.
    [Fact]
    public void Shifted_load_fills_the_surplus_within_both_caps()
    {
        var grid = new IntervalGrid(Start, 24, 60);
        var history = History(grid, [Home("A", Hours(24, 1))], ("pv-atelier", Hours(24, 0, (11, 3), (12, 3), (13, 3))));
        var intervals = new EnergyRecorder(grid, ["A"]);
        var o = ScenarioEngine.Run(history, new ScenarioChanges(LoadShift: new LoadShift(0.25, 1.5)), intervals);
        Near(4.5, o.Scenario.ShiftedKwh![0]);
        var a = intervals.Result.Households[0];
        Near(0.785714, a[0].Parts.Import, 1e-6);
        Near(2.5, a[12].Parts.Consumption);
        var nb = ScenarioComparison.Compare(o, ScenarioResolution.Day).Single(r => r.Household is null);
        Near(24, nb.Scenario.Energy.Consumption);
        Near(0.125, nb.Actual.SelfSufficiency, FractionTolerance);
        Near(0.3125, nb.Scenario.SelfSufficiency, FractionTolerance);
        Near(16.5, nb.Scenario.Energy.Import);
        Near(1.5, nb.Scenario.Energy.Export);
        Near(18.75, nb.Change.SelfSufficiencyPoints, 0.001);

        var wide = ScenarioEngine.Run(history, new ScenarioChanges(LoadShift: new LoadShift(0.25, 5)));
        Near(5.25, wide.Scenario.ShiftedKwh![0]);
        Near(8.25, wide.Scenario.Energy.ByDay(null).Sum(r => r.Sum.LocallySupplied));
    }
}
