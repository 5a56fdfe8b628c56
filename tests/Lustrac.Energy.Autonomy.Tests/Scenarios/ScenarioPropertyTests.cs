using CsCheck;
using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Scenarios;

namespace Lustrac.Energy.Autonomy.Tests.Scenarios;

public class ScenarioPropertyTests
{
    private static readonly string[] Zones = ["UTC", "Europe/Paris", "Indian/Reunion", "America/Cayenne"];

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
            // The grid runs over Paris's spring-forward night: in Paris time its days are partial and one is 23 hours;
            // Réunion (UTC+4) and French Guiana (UTC−3) cut it at other hours.
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[rnd.Next(Zones.Length)]);
            var history = new ScenarioHistory(RandomInputs.Grid, zone, homes, arrays, rule, ScenarioCases.NoSky);
            var intervals = new EnergyRecorder(history.Grid, homes.Select(h => h.HouseholdId).ToArray());
            var o = ScenarioEngine.Run(history, ScenarioChanges.None, intervals);
            var direct = EnergyEngine.Compute(history.Meters, rule);
            Assert.Equal(direct.Neighbourhood, intervals.Result.Neighbourhood);
            for (int h = 0; h < n; h++) Assert.Equal(direct.Households[h], intervals.Result.Households[h]);
            // The days kept are the intervals' own rollups, bit for bit.
            var days = LocalCalendar.Boundaries(history.Grid.StartUtc, history.Grid.EndUtc, LocalCalendar.Period.Day, history.Zone);
            Assert.Equal(Rollup.ByPeriods<EnergyParts>(direct.Neighbourhood, days, history.Grid.Length), o.Scenario.Energy.ByDay(null));
            for (int h = 0; h < n; h++)
            {
                Assert.Equal(Rollup.ByPeriods<EnergyParts>(direct.Households[h], days, history.Grid.Length), o.Scenario.Energy.ByDay(h));
                Assert.Equal(Rollup.ByPeriods<EnergyParts>(direct.Households[h], days, history.Grid.Length), o.Actual.Energy.ByDay(h));
            }
            // Months and the range are added from the days: the same counts, the same sums up to rounding.
            var months = LocalCalendar.Boundaries(history.Grid.StartUtc, history.Grid.EndUtc, LocalCalendar.Period.Month, history.Zone);
            foreach (var bounds in new[] { months, [history.Grid.StartUtc, history.Grid.EndUtc] })
            {
                var fromIntervals = Rollup.ByPeriods<EnergyParts>(direct.Neighbourhood, bounds, history.Grid.Length);
                var fromDays = o.Scenario.Energy.ByPeriods(null, bounds);
                Assert.Equal(fromIntervals.Count, fromDays.Count);
                for (int p = 0; p < fromDays.Count; p++)
                {
                    Assert.Equal(fromIntervals[p] with { Sum = default }, fromDays[p] with { Sum = default });
                    Assert.Equal(fromIntervals[p].Sum.Consumption, fromDays[p].Sum.Consumption, 9);
                    Assert.Equal(fromIntervals[p].Sum.LocallySupplied, fromDays[p].Sum.LocallySupplied, 9);
                    Assert.Equal(fromIntervals[p].Sum.Export, fromDays[p].Sum.Export, 9);
                }
            }
            foreach (var row in ScenarioComparison.Compare(o, ScenarioResolution.Day))
            {
                Assert.Equal(row.Actual, row.Scenario);
                Assert.Equal(0, row.Change.ImportKwh);
            }
        });
    }
}
