namespace Lustrac.Energy.Autonomy.Intervals;

/// <summary>A half-open range of interval indices [First, First + Count) of a grid.</summary>
public readonly record struct IntervalRange(long First, long Count)
{
    public long End => First + Count;
}

/// <summary>
/// Late data recomputes only what it touches (architecture decision 3). A reading at time t changes the boundary
/// values interpolated between its existing neighbours p (last stored reading before t) and n (first after t),
/// and may add or remove a discontinuity between them — nothing outside [p, n]. So the touched intervals are
/// those overlapping (p, n); when t has no neighbour on a side, the range stops at t on that side (the boundaries
/// beyond were unbounded and stay so).
/// </summary>
public static class LateData
{
    /// <param name="existing">Readings already stored for this series (any order, duplicates allowed). Bad ones are
    /// skipped: they are not neighbours, since the interval computation ignores them.</param>
    /// <param name="batch">The new batch for the same series (only timestamps matter).</param>
    /// <param name="grid">Only the interval length and alignment are used; indices are relative to grid.StartUtc and may be negative or beyond Count.</param>
    /// <returns>Merged, ascending ranges of interval indices to recompute.</returns>
    public static IReadOnlyList<IntervalRange> TouchedIntervals(IEnumerable<CounterSample> existing, IEnumerable<CounterSample> batch, IntervalGrid grid)
    {
        var stored = existing.Where(s => s.Quality != SampleQuality.Bad)
            .Select(s => UtcTime.Require(s.TimeUtc, nameof(existing)).Ticks).Distinct().Order().ToArray();
        long step = grid.Length.Ticks, origin = grid.StartUtc.Ticks;
        var ranges = new List<IntervalRange>();
        foreach (var sample in batch)
        {
            long t = UtcTime.Require(sample.TimeUtc, nameof(batch)).Ticks;
            int i = Array.BinarySearch(stored, t);
            int before = i >= 0 ? i - 1 : ~i - 1;
            int after = i >= 0 ? i + 1 : ~i;
            long lo = before >= 0 ? stored[before] : t;
            long hi = after < stored.Length ? stored[after] : t;

            // Intervals [s, s+step) with s < hi and s+step > lo; when lo == hi == t (a lone reading), the one or two
            // intervals that have t as a boundary or contain it.
            long first = FloorDiv(lo - origin, step);
            long last = lo < hi ? CeilDiv(hi - origin, step) - 1 : FloorDiv(hi - origin, step);
            if (lo == hi && (t - origin) % step == 0) first -= 1;
            ranges.Add(new IntervalRange(first, last - first + 1));
        }
        return Merge(ranges);
    }

    private static List<IntervalRange> Merge(List<IntervalRange> ranges)
    {
        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        var merged = new List<IntervalRange>();
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && r.First <= merged[^1].End)
            {
                var m = merged[^1];
                merged[^1] = new IntervalRange(m.First, Math.Max(m.End, r.End) - m.First);
            }
            else merged.Add(r);
        }
        return merged;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
