using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Scenarios;
using static Lustrac.Energy.Autonomy.Tests.Scenarios.ScenarioCases;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Scenarios;

public class BatteryGoldenTests
{
    // One home, hourly, 8 hours: 3 hours of surplus (shared PV 4 kWh, consumption 1 → export 3), then 5 hours of
    // deficit (no PV, consumption 2). Shared battery 5 kWh / 2 kW / 90 %, min SoC 0: √0.9 = 0.9486833 each way.
    //   h0: charge min(3, 2, 5/0.94868 = 5.2705) = 2 → SoC 2 × 0.94868 = 1.897367
    //   h1: charge 2 → SoC 3.794733
    //   h2: charge min(3, 2, (5 − 3.794733)/0.94868 = 1.270463) = 1.270463 → SoC 5
    //   h3: discharge min(2, 2, 5 × 0.94868 = 4.743416) = 2 → SoC 5 − 2/0.94868 = 2.891815
    //   h4: discharge 2 → SoC 0.783630
    //   h5: discharge 0.783630 × 0.94868 = 0.743416 → SoC 0; h6, h7: empty.
    // Charged 5.270463, discharged 4.743416 (= 0.9 × charged), cycles 4.743416 / 5 = 0.948683.
    // Actual: C 13, P 12, locally 3, import 10, export 9 → SS 23.08 %, SC 25 %.
    // Scenario: import 10 − 4.743416 = 5.256584, export 9 − 5.270463 = 3.729537, locally 7.743416 → SS 59.565 %;
    // self-consumed 3 + 5.270463 = 8.270463 → SC 68.921 %. The home is allocated the discharge: SS 59.565 % too.
    [Fact]
    public void A_5_kWh_2_kW_90_percent_battery_over_surplus_then_deficit_follows_the_hand_state_of_charge()
    {
        var grid = new IntervalGrid(Start, 8, 60);
        // Collective self-consumption is virtual: the home's grid meter imports its 1 kWh and the engine allocates it from the 4 kWh.
        var history = History(grid, [Home("A", 1, 1, 1, 2, 2, 2, 2, 2)], ("pv-atelier", [4, 4, 4, 0, 0, 0, 0, 0]));
        var o = ScenarioEngine.Run(history, new ScenarioChanges(Batteries: [new ScenarioBattery("shared", null, 5, 2, 0.9)]));

        var t = o.Scenario.Batteries.Single();
        double[] soc = [1.897367, 3.794733, 5, 2.891815, 0.783630, 0, 0, 0];
        for (int k = 0; k < 8; k++) Near(soc[k], t.StateOfChargeKwh[k], 1e-6);
        double[] charged = [2, 2, 1.270463, 0, 0, 0, 0, 0], discharged = [0, 0, 0, 2, 2, 0.743416, 0, 0];
        for (int k = 0; k < 8; k++) { Near(charged[k], t.Charged[k], 1e-6); Near(discharged[k], t.Discharged[k], 1e-6); }
        Near(0.948683, t.EquivalentFullCycles, 1e-6);

        var all = ScenarioComparison.Compare(o, ScenarioResolution.Range);
        var nb = all.Single(r => r.Household is null);
        Near(3.0 / 13, nb.Actual.SelfSufficiency, FractionTolerance);
        Near(0.25, nb.Actual.SelfConsumption, FractionTolerance);
        Near(5.256584, nb.Scenario.Energy.Import, 1e-6);
        Near(3.729537, nb.Scenario.Energy.Export, 1e-6);
        Near(0.59565, nb.Scenario.SelfSufficiency, FractionTolerance);
        Near(0.68921, nb.Scenario.SelfConsumption, FractionTolerance);
        Near(5.270463, nb.Scenario.ScenarioBatteryChargedKwh, 1e-6);
        Near(0.948683, nb.Scenario.ScenarioBatteryCycles, 1e-6);
        Near(-4.743416, nb.Change.ImportKwh, 1e-6);
        Near(0.59565, all.Single(r => r.Household == "A").Scenario.SelfSufficiency, FractionTolerance);
    }

    // Same home, battery with min SoC 20 % (1 kWh kept): it starts at 1 kWh and never goes below.
    //   h0: charge min(3, 2, (5 − 1)/0.94868 = 4.216370) = 2 → 2.897367; h1: 2 → 4.794733; h2: (5 − 4.794733)/0.94868 = 0.216370 → 5
    //   h3: 2 → 2.891815; h4: min(2, (2.891815 − 1) × 0.94868 = 1.794733) = 1.794733 → 1; h5..h7: 0.
    [Fact]
    public void A_minimum_state_of_charge_is_never_used()
    {
        var grid = new IntervalGrid(Start, 8, 60);
        var history = History(grid, [Home("A", 1, 1, 1, 2, 2, 2, 2, 2)], ("pv-atelier", [4, 4, 4, 0, 0, 0, 0, 0]));
        var t = ScenarioEngine.Run(history, new ScenarioChanges(Batteries: [new ScenarioBattery("shared", null, 5, 2, 0.9, 0.2)])).Scenario.Batteries.Single();
        double[] soc = [2.897367, 4.794733, 5, 2.891815, 1, 1, 1, 1];
        for (int k = 0; k < 8; k++) Near(soc[k], t.StateOfChargeKwh[k], 1e-6);
        Near(2 + 1.794733, t.DischargedKwh, 1e-6);
    }
}
