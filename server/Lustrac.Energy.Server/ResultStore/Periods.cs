namespace Lustrac.Energy.Server.ResultStore;

/// <summary>Consecutive periods of one length: a store can sum them in one grouped pass (InfluxQL GROUP BY time).</summary>
public readonly record struct PeriodRun(int FirstPeriod, int Count, DateTime StartUtc, TimeSpan Length)
{
    public DateTime EndUtc => StartUtc + Length * Count;
}

/// <summary>Periods given by ascending boundaries: period p is [boundaries[p], boundaries[p + 1]).</summary>
public static class Periods
{
    /// <summary>The periods cut into runs of equal length (a year of Paris days: a few runs, split at the 23- and
    /// 25-hour days; months: one run each).</summary>
    public static List<PeriodRun> Runs(IReadOnlyList<DateTime> boundariesUtc)
    {
        var runs = new List<PeriodRun>();
        for (int p = 0; p + 1 < boundariesUtc.Count; p++)
        {
            var length = boundariesUtc[p + 1] - boundariesUtc[p];
            if (runs.Count > 0 && runs[^1].Length == length && runs[^1].EndUtc == boundariesUtc[p])
                runs[^1] = runs[^1] with { Count = runs[^1].Count + 1 };
            else
                runs.Add(new PeriodRun(p, 1, boundariesUtc[p], length));
        }
        return runs;
    }

    /// <summary>The period containing <paramref name="t"/>, or -1 outside them all.</summary>
    public static int IndexOf(IReadOnlyList<DateTime> boundaries, DateTime t)
    {
        if (boundaries.Count < 2 || t < boundaries[0] || t >= boundaries[^1]) return -1;
        int lo = 0, hi = boundaries.Count - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (boundaries[mid] <= t) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    public static long Ms(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}
