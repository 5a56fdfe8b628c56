using CsCheck;
using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Scenarios;

namespace Lustrac.Energy.Autonomy.Tests.Scenarios;

public class ScenarioPropertyTests
{
    // Random households (with missing intervals, own PV and batteries) and arrays: a scenario with no change gives
    // exactly — bit for bit — the engine's figures of the history, under every key.
    [Fact]
    public void A_scenario_with_no_change_equals_the_actual_figures_exactly()
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            int n = rnd.Next(1, 5);
            var homes = Enumerable.Range(0, n).Select(h => new HouseholdMeters($"h{h}",
                RandomInputs.Series(rnd), RandomInputs.Series(rnd),
                rnd.Next(2) == 0 ? RandomInputs.Series(rnd) : null,
                rnd.Next(3) == 0 ? RandomInputs.Series(rnd) : null,
                rnd.Next(3) == 0 ? RandomInputs.Series(rnd) : null)).ToArray();
            var arrays = Enumerable.Range(0, rnd.Next(0, 3)).Select(a => new SharedArraySeries($"a{a}", 10, 30, 180, RandomInputs.Series(rnd))).ToArray();
            var rule = rnd.Next(3) switch
            {
                0 => AllocationRule.DefaultDynamic,
                1 => AllocationRule.EqualShare,
                _ => new AllocationRule(AllocationKey.Static, Enumerable.Repeat(1.0 / n, n).ToArray()),
            };
            var history = new ScenarioHistory(RandomInputs.Grid, TimeZoneInfo.Utc, homes, arrays, rule, ScenarioCases.NoSky);
            var o = ScenarioEngine.Run(history, ScenarioChanges.None);
            var direct = EnergyEngine.Compute(history.Meters, rule);
            Assert.Equal(direct.Neighbourhood, o.Scenario.Energy.Neighbourhood);
            for (int h = 0; h < n; h++) Assert.Equal(direct.Households[h], o.Scenario.Energy.Households[h]);
            foreach (var row in ScenarioComparison.Compare(o, ScenarioResolution.Day))
            {
                Assert.Equal(row.Actual, row.Scenario);
                Assert.Equal(0, row.Change.ImportKwh);
            }
        });
    }
}
