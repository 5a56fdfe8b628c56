namespace Lustrac.Energy.Autonomy.Intervals;

/// <summary>One <c>active_power</c> reading of a grid meter, W, import-positive (grid → home; negative = export).</summary>
public readonly record struct PowerSample(DateTime TimeUtc, double Watts);

/// <summary>Import and export energy (kWh) of one interval, integrated from power.</summary>
public readonly record struct PowerEnergy(double Import, double Export);

/// <summary>
/// Energy of an interval from power readings, for the intervals where the meter's counters are unusable.
/// <list type="bullet">
/// <item>Power is taken as linear between consecutive readings (trapezoid). At an interval boundary it is the value of
/// that line, so consecutive intervals add up to the integral over their whole span, as counter intervals telescope.</item>
/// <item>An interval is covered when a reading lies at or before its start, one at or after its end, and no two
/// consecutive readings from the one to the other are more than the maximum gap apart. Otherwise: no estimate
/// (the interval stays Missing) — a line across a long silence would be a guess, not an estimate.</item>
/// <item>Positive power is import, negative power export, integrated separately: a segment whose line crosses zero is
/// split at the crossing, so a home importing then exporting within one interval gets both parts.</item>
/// </list>
/// </summary>
public static class PowerEstimate
{
    /// <summary>Five minutes: a gateway polls power every few seconds to a minute; a few lost messages still integrate.</summary>
    public static readonly TimeSpan DefaultMaxReadingGap = TimeSpan.FromMinutes(5);

    /// <summary>One entry per grid interval: the estimate, or null when the readings do not cover the interval.</summary>
    public static PowerEnergy?[] Compute(IEnumerable<PowerSample> samples, IntervalGrid grid, TimeSpan maxReadingGap)
    {
        var (ticks, watts) = Clean(samples);
        var result = new PowerEnergy?[grid.Count];
        int j = 0; // first reading after the interval's start (the one before it is j - 1)
        for (int k = 0; k < grid.Count; k++)
        {
            long a = grid.BoundaryUtc(k).Ticks, b = grid.BoundaryUtc(k + 1).Ticks;
            while (j < ticks.Length && ticks[j] <= a) j++;
            int first = j - 1;
            if (first < 0) continue;
            double import = 0, export = 0;
            bool covered = false;
            for (int i = first; i + 1 < ticks.Length && ticks[i] < b; i++)
            {
                if (ticks[i + 1] - ticks[i] > maxReadingGap.Ticks) break;
                var (imp, exp) = Segment(ticks[i], watts[i], ticks[i + 1], watts[i + 1], a, b);
                import += imp;
                export += exp;
                if (ticks[i + 1] >= b) covered = true;
            }
            if (covered) result[k] = new PowerEnergy(import, export);
        }
        return result;
    }

    /// <summary>
    /// The counter's values, with each Missing one replaced by the estimate's part when the power covers that interval.
    /// A counter that has a value keeps it: power only fills in where the counter cannot say.
    /// </summary>
    public static IntervalValue[] Fill(IntervalValue[] counter, PowerEnergy?[] estimates, Func<PowerEnergy, double> part)
    {
        if (counter.Length != estimates.Length) throw new ArgumentException("counter and estimates must cover the same grid");
        var filled = (IntervalValue[])counter.Clone();
        for (int k = 0; k < filled.Length; k++)
            if (filled[k].Quality == IntervalQuality.Missing && estimates[k] is { } e)
                filled[k] = new IntervalValue(part(e), IntervalQuality.Estimated);
        return filled;
    }

    /// <summary>The part of the segment (t1, p1)–(t2, p2) inside [a, b], as (import, export) kWh.</summary>
    private static (double Import, double Export) Segment(long t1, double p1, long t2, double p2, long a, long b)
    {
        long from = Math.Max(t1, a), to = Math.Min(t2, b);
        if (to <= from) return (0, 0);
        double At(long t) => p1 + (p2 - p1) * (t - t1) / (t2 - t1);
        double q1 = At(from), q2 = At(to);
        if (q1 >= 0 && q2 >= 0) return (Area(q1, q2, to - from), 0);
        if (q1 <= 0 && q2 <= 0) return (0, -Area(q1, q2, to - from));
        long zero = from + (long)Math.Round((to - from) * (q1 / (q1 - q2))); // where the line crosses 0 W
        double before = Area(q1, 0, zero - from), after = Area(0, q2, to - zero);
        return q1 > 0 ? (before, -after) : (after, -before);
    }

    /// <summary>Trapezoid of two powers (W) over a span (ticks), in kWh.</summary>
    private static double Area(double w1, double w2, long span) => (w1 + w2) / 2 * span / TimeSpan.TicksPerHour / 1000;

    /// <summary>Sorted by time, one reading per timestamp (the larger, so the result does not depend on input order), no NaN.</summary>
    private static (long[] Ticks, double[] Watts) Clean(IEnumerable<PowerSample> samples)
    {
        var sorted = samples.Where(s => double.IsFinite(s.Watts))
            .Select(s => (Ticks: UtcTime.Require(s.TimeUtc, nameof(samples)).Ticks, s.Watts))
            .OrderBy(s => s.Ticks).ThenByDescending(s => s.Watts).ToArray();
        var ticks = new List<long>(sorted.Length);
        var watts = new List<double>(sorted.Length);
        foreach (var s in sorted)
        {
            if (ticks.Count > 0 && ticks[^1] == s.Ticks) continue;
            ticks.Add(s.Ticks);
            watts.Add(s.Watts);
        }
        return (ticks.ToArray(), watts.ToArray());
    }
}
