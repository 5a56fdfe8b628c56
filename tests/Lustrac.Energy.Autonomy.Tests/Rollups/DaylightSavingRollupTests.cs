using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Rollups;

public class DaylightSavingRollupTests
{
    /// <summary>
    /// A household drawing exactly 1 kWh per hour (import counter +0.25 every 15 min, read every 5 min) and a PV array
    /// giving 0.5 kWh per hour all day (a test fixture, not physics). Per quarter-hour: C = 0.25, P = 0.125,
    /// export 0 → SS = 0.125/0.25 = 0.5 in every interval, and so for every day.
    /// </summary>
    private static Rollup<EnergyParts> ParisDay(DateOnly day, out IReadOnlyList<Rollup<EnergyParts>> all)
    {
        var from = Utc(day.Year, day.Month, day.Day) .AddDays(-1);
        var grid = new IntervalGrid(from, 3 * 96);
        var import = new List<CounterSample>();
        var pv = new List<CounterSample>();
        for (var t = from.AddHours(-1); t <= grid.EndUtc.AddHours(1); t = t.AddMinutes(5))
        {
            double hours = (t - from).TotalHours + 1;
            import.Add(S(t, 1000 + hours * 0.5)); // import = consumption − PV = 0.5 kWh/h
            pv.Add(S(t, 200 + hours * 0.5));
        }
        var meters = new NeighbourhoodMeters(grid,
            [new HouseholdMeters("h01",
                CounterIntervals.Compute("i", import, grid).Intervals,
                CounterIntervals.Compute("e", import.Select(s => s with { Value = 5 }), grid).Intervals,
                CounterIntervals.Compute("p", pv, grid).Intervals)],
            []);
        var r = EnergyEngine.Compute(meters, AllocationRule.EqualShare);
        all = Rollup.ByLocalDay<EnergyParts>(r.Households[0], grid, Paris);
        var start = LocalCalendar.StartUtc(day, Paris);
        return all.Single(d => d.StartUtc == start);
    }

    [Fact]
    public void The_spring_forward_day_29_March_2026_has_92_quarter_hours()
    {
        var day = ParisDay(new DateOnly(2026, 3, 29), out var all);
        Assert.Equal(Utc(2026, 3, 28, 23), day.StartUtc); // midnight CET = 23:00 UTC
        Assert.Equal(Utc(2026, 3, 29, 22), day.EndUtc);   // next midnight CEST = 22:00 UTC
        Assert.Equal((92, 92, 92), (day.Expected, day.Present, day.Measured)); // 23 h × 4
        Near(23.0, day.Sum.Consumption); // 92 × 0.25 kWh
        Near(11.5, day.Sum.Production);  // 92 × 0.125 kWh
        Near(0.5, day.Sum.SelfSufficiency, FractionTolerance); // 11.5 / 23
        Assert.Contains(all, d => d.Expected == 96); // the day before is an ordinary 96
    }

    [Fact]
    public void The_fall_back_day_25_October_2026_has_100_quarter_hours()
    {
        var day = ParisDay(new DateOnly(2026, 10, 25), out _);
        Assert.Equal(Utc(2026, 10, 24, 22), day.StartUtc); // midnight CEST = 22:00 UTC
        Assert.Equal(Utc(2026, 10, 25, 23), day.EndUtc);   // next midnight CET = 23:00 UTC
        Assert.Equal((100, 100), (day.Expected, day.Present)); // 25 h × 4
        Near(25.0, day.Sum.Consumption); // 100 × 0.25 kWh
        Near(0.5, day.Sum.SelfSufficiency, FractionTolerance);
    }

    [Fact]
    public void Months_and_years_follow_the_local_calendar()
    {
        var months = LocalCalendar.Boundaries(Utc(2026, 3, 15), Utc(2026, 4, 15), LocalCalendar.Period.Month, Paris);
        Assert.Equal([Utc(2026, 2, 28, 23), Utc(2026, 3, 31, 22), Utc(2026, 4, 30, 22)], months);
        var years = LocalCalendar.Boundaries(Utc(2026, 6, 1), Utc(2026, 6, 2), LocalCalendar.Period.Year, Paris);
        Assert.Equal([Utc(2025, 12, 31, 23), Utc(2026, 12, 31, 23)], years);
    }
}
