namespace Lustrac.Energy.Autonomy.Intervals;

/// <summary>Interval values of one counter over a grid, and the discontinuities found in its readings.</summary>
public sealed record CounterSeries(string SeriesId, IntervalGrid Grid, IntervalValue[] Intervals, IReadOnlyList<CounterEvent> Events);

/// <summary>
/// Turns a cumulative counter into per-interval energies (architecture decision 1): the counter value at each
/// boundary is interpolated linearly between the nearest readings on each side, and an interval's energy is the
/// difference of its boundary values. Summed over consecutive intervals this telescopes to the counter's own
/// difference, so a lost message loses resolution, never energy.
/// </summary>
public static class CounterIntervals
{
    public static CounterSeries Compute(string seriesId, IEnumerable<CounterSample> samples, IntervalGrid grid, IntervalOptions? options = null)
    {
        options ??= IntervalOptions.Default;
        var series = CleanSeries.From(seriesId, samples, options);
        return new CounterSeries(seriesId, grid, Compute(series, grid, options), series.Events);
    }

    internal static IntervalValue[] Compute(CleanSeries s, IntervalGrid grid, IntervalOptions options)
    {
        int boundaries = grid.Count + 1;
        var value = new double[boundaries];
        var segment = new int[boundaries];
        var quality = new IntervalQuality[boundaries];
        long maxGap = options.EffectiveMaxGap(grid).Ticks;
        long maxBridge = options.MaxInterpolationGap?.Ticks ?? long.MaxValue;
        long step = grid.Length.Ticks;
        long b = grid.StartUtc.Ticks;

        // j = first reading at or after the boundary; boundaries and readings both ascend, so one pass suffices.
        int j = LowerBound(s.Ticks, b);
        for (int k = 0; k < boundaries; k++, b += step)
        {
            while (j < s.Count && s.Ticks[j] < b) j++;
            if (j < s.Count && s.Ticks[j] == b)
            {
                value[k] = s.Values[j];
                segment[k] = s.Segment[j];
                quality[k] = s.Uncertain[j] ? IntervalQuality.Interpolated : IntervalQuality.Measured;
                continue;
            }
            int p = j - 1;
            if (p < 0 || j >= s.Count || s.Segment[p] != s.Segment[j] || s.Ticks[j] - s.Ticks[p] > maxBridge)
            {
                // Not bounded on both sides by the same counter, or only across too long a silence: nothing honest can be said.
                quality[k] = IntervalQuality.Missing;
                continue;
            }
            long t0 = s.Ticks[p], t1 = s.Ticks[j];
            double fraction = (double)(b - t0) / (t1 - t0);
            value[k] = s.Values[p] + (s.Values[j] - s.Values[p]) * fraction;
            segment[k] = s.Segment[j];
            quality[k] = t1 - t0 > maxGap || s.Uncertain[p] || s.Uncertain[j]
                ? IntervalQuality.Interpolated
                : IntervalQuality.Measured;
        }

        var result = new IntervalValue[grid.Count];
        for (int k = 0; k < grid.Count; k++)
        {
            var q = (IntervalQuality)Math.Max((int)quality[k], (int)quality[k + 1]);
            if (q == IntervalQuality.Missing || segment[k] != segment[k + 1])
            {
                result[k] = IntervalValue.Missing;
                continue;
            }
            // Within one segment the counter is non-decreasing; Max guards only against rounding.
            result[k] = new IntervalValue(Math.Max(0, value[k + 1] - value[k]), q);
        }
        return result;
    }

    private static int LowerBound(long[] ticks, long value)
    {
        int lo = 0, hi = ticks.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (ticks[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
