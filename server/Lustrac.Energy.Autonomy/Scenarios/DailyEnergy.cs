using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;

namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>
/// A balance summed by local day for every household and the neighbourhood: what a scenario's figures are made of
/// (they are never finer than a day), without the year of interval records behind them.
/// </summary>
public sealed class DailyEnergy(IntervalGrid grid, IReadOnlyList<DateTime> days, IReadOnlyList<string> householdIds, Rollup<EnergyParts>[][] byScope)
{
    public IntervalGrid Grid => grid;

    /// <summary>The local days' boundaries (the first at or before the grid's start, the last at or after its end).</summary>
    public IReadOnlyList<DateTime> Days => days;

    public IReadOnlyList<string> HouseholdIds => householdIds;

    /// <summary>Each day of household <paramref name="household"/>, or of the neighbourhood when null.</summary>
    public IReadOnlyList<Rollup<EnergyParts>> ByDay(int? household) => byScope[household ?? householdIds.Count];

    /// <summary>
    /// The days added into periods of local days (days, months, or the grid's whole range): a day counts in the period
    /// holding its first interval. Expected intervals are the period's own, as a rollup of intervals gives.
    /// </summary>
    public IReadOnlyList<Rollup<EnergyParts>> ByPeriods(int? household, IReadOnlyList<DateTime> bounds)
    {
        var perDay = (Rollup<EnergyParts>[])ByDay(household);
        var result = new List<Rollup<EnergyParts>>(Math.Max(0, bounds.Count - 1));
        int d = 0;
        for (int p = 0; p + 1 < bounds.Count; p++)
        {
            while (d < perDay.Length && FirstInterval(d) < bounds[p]) d++;
            int first = d;
            while (d < perDay.Length && FirstInterval(d) < bounds[p + 1]) d++;
            result.Add(Rollup.Combine<EnergyParts>(perDay.AsSpan(first, d - first), bounds[p], bounds[p + 1], grid.Length));
        }
        return result;
    }

    private DateTime FirstInterval(int d) => days[d] < grid.StartUtc ? grid.StartUtc : days[d];
}

/// <summary>
/// Adds the engine's intervals into local days as they come, in the order and with the rules of
/// <see cref="Rollup.ByPeriods{T}"/> (so a day's sums are bit for bit the same), and hands them on to a next sink
/// when one is given (a test that looks at the intervals).
/// </summary>
public sealed class DailyEnergySink : IEnergySink
{
    private readonly IntervalGrid _grid;
    private readonly IReadOnlyList<string> _ids;
    private readonly IEnergySink? _next;
    private readonly IReadOnlyList<DateTime> _days;
    private readonly Day[][] _sums;
    private int _day;

    public DailyEnergySink(IntervalGrid grid, TimeZoneInfo zone, IReadOnlyList<string> householdIds, IEnergySink? next = null)
    {
        (_grid, _ids, _next) = (grid, householdIds, next);
        _days = LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Day, zone);
        _sums = Enumerable.Range(0, householdIds.Count + 1).Select(_ => new Day[_days.Count - 1]).ToArray();
    }

    public void Interval(int k, Span<IntervalRecord<EnergyParts>> households, ref IntervalRecord<EnergyParts> neighbourhood, double? surplus)
    {
        while (_day + 2 < _days.Count && neighbourhood.StartUtc >= _days[_day + 1]) _day++;
        for (int h = 0; h < households.Length; h++) _sums[h][_day].Add(households[h]);
        _sums[_ids.Count][_day].Add(neighbourhood);
        _next?.Interval(k, households, ref neighbourhood, surplus);
    }

    public DailyEnergy Finish()
    {
        var byScope = _sums.Select(scope => Enumerable.Range(0, _days.Count - 1)
            .Select(d => scope[d].ToRollup(_days[d], _days[d + 1], _grid.Length)).ToArray()).ToArray();
        return new DailyEnergy(_grid, _days, _ids, byScope);
    }

    /// <summary>One scope's day so far.</summary>
    private struct Day
    {
        private EnergyParts _sum;
        private int _measured, _interpolated, _estimated;
        private long _reporting, _expectedMeters;

        public void Add(in IntervalRecord<EnergyParts> r)
        {
            _reporting += r.MetersReporting;
            _expectedMeters += r.MetersExpected;
            if (r.Quality == IntervalQuality.Missing) return;
            _sum += r.Parts;
            if (r.Quality == IntervalQuality.Measured) _measured++;
            else if (r.Quality == IntervalQuality.Interpolated) _interpolated++;
            else _estimated++;
        }

        public readonly Rollup<EnergyParts> ToRollup(DateTime start, DateTime end, TimeSpan length) =>
            new(start, end, _sum, (int)((end - start).Ticks / length.Ticks), _measured + _interpolated + _estimated, _measured, _interpolated,
                _reporting, _expectedMeters, _estimated);
    }
}
