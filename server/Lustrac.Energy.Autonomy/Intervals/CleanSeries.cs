namespace Lustrac.Energy.Autonomy.Intervals;

/// <summary>
/// Readings of one counter sorted by time, one per timestamp, bad ones dropped, split into segments at every
/// discontinuity. The same set of readings in any order, with any duplicates, gives the same CleanSeries.
/// </summary>
internal sealed class CleanSeries
{
    public required long[] Ticks { get; init; }
    public required double[] Values { get; init; }
    public required bool[] Uncertain { get; init; }
    /// <summary>Segment number of each reading; it increases by one at each discontinuity.</summary>
    public required int[] Segment { get; init; }
    public required List<CounterEvent> Events { get; init; }

    public int Count => Ticks.Length;

    public static CleanSeries From(string seriesId, IEnumerable<CounterSample> samples, IntervalOptions options)
    {
        var all = samples as CounterSample[] ?? samples.ToArray();
        var sorted = new CounterSample[all.Length];
        bool ascending = true;
        for (int i = 0; i < all.Length; i++)
        {
            sorted[i] = all[i] with { TimeUtc = UtcTime.Require(all[i].TimeUtc, nameof(samples)) };
            if (i > 0 && sorted[i].TimeUtc.Ticks <= sorted[i - 1].TimeUtc.Ticks) ascending = false;
        }
        // Stores usually hand readings back in time order with one per timestamp: then sorting is the identity.
        if (!ascending) Array.Sort(sorted, CompareForDedupe);

        // First of each timestamp after sorting is the winner: highest revision, then Good over Uncertain over Bad,
        // then the larger value (an arbitrary but order-independent tie-break). Bad winners are dropped afterwards,
        // as the store would hold only the last write.
        var ticks = new List<long>(sorted.Length);
        var values = new List<double>(sorted.Length);
        var uncertain = new List<bool>(sorted.Length);
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i].TimeUtc.Ticks == sorted[i - 1].TimeUtc.Ticks) continue;
            var s = sorted[i];
            if (s.Quality == SampleQuality.Bad || !double.IsFinite(s.Value)) continue;
            ticks.Add(s.TimeUtc.Ticks);
            values.Add(s.Value);
            uncertain.Add(s.Quality == SampleQuality.Uncertain);
        }

        var v = values.ToArray();
        var t = ticks.ToArray();
        var segment = new int[t.Length];
        var events = new List<CounterEvent>();
        int seg = 0;
        long? maxBridge = options.MaxInterpolationGap?.Ticks;
        for (int i = 1; i < t.Length; i++)
        {
            // Reported whatever else happened in it: a decrease after a long silence is both.
            if (t[i] - t[i - 1] > maxBridge) events.Add(Event(seriesId, CounterEventKind.GapTooLong, t, v, i));
            double delta = v[i] - v[i - 1];
            if (delta < 0 && -delta <= options.DecreaseTolerance)
            {
                v[i] = v[i - 1]; // jitter: hold the previous value so no interval goes negative
            }
            else if (delta < 0)
            {
                seg++;
                events.Add(Event(seriesId, CounterEventKind.Decrease, t, v, i));
            }
            else if (options.MaxRatePerHour is double rate
                && delta > rate * TimeSpan.FromTicks(t[i] - t[i - 1]).TotalHours + options.DecreaseTolerance)
            {
                seg++;
                events.Add(Event(seriesId, CounterEventKind.ImplausibleIncrease, t, v, i));
            }
            segment[i] = seg;
        }

        return new CleanSeries { Ticks = t, Values = v, Uncertain = uncertain.ToArray(), Segment = segment, Events = events };
    }

    private static CounterEvent Event(string id, CounterEventKind kind, long[] t, double[] v, int i) =>
        new(id, kind, new DateTime(t[i - 1], DateTimeKind.Utc), v[i - 1], new DateTime(t[i], DateTimeKind.Utc), v[i]);

    private static int CompareForDedupe(CounterSample a, CounterSample b)
    {
        int c = a.TimeUtc.Ticks.CompareTo(b.TimeUtc.Ticks);
        if (c != 0) return c;
        c = b.Revision.CompareTo(a.Revision);
        if (c != 0) return c;
        c = ((int)a.Quality).CompareTo((int)b.Quality);
        if (c != 0) return c;
        return b.Value.CompareTo(a.Value);
    }
}
