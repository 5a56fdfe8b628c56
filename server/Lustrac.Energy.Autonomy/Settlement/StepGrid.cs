namespace Lustrac.Energy.Autonomy.Settlement;

/// <summary>
/// The operator's time step (30 min by default, 15 possible) over the engine's canonical intervals: a step is the sum of
/// the intervals it holds, aligned on UTC clock boundaries like the intervals (every French offset is whole hours, so
/// the steps are also aligned on local half-hours).
/// </summary>
public sealed class StepGrid
{
    public StepGrid(int stepMinutes, int intervalMinutes)
    {
        if (stepMinutes is not (15 or 30))
            throw new ArgumentException($"The settlement step is {stepMinutes} min; the grid operator settles at 15 or 30 min.");
        if (intervalMinutes <= 0 || stepMinutes % intervalMinutes != 0)
            throw new ArgumentException($"The settlement step ({stepMinutes} min) must be a multiple of the site's interval ({intervalMinutes} min).");
        StepMinutes = stepMinutes;
        IntervalMinutes = intervalMinutes;
    }

    public int StepMinutes { get; }
    public int IntervalMinutes { get; }
    public int IntervalsPerStep => StepMinutes / IntervalMinutes;
    public TimeSpan Step => TimeSpan.FromMinutes(StepMinutes);

    public DateTime StepOf(DateTime utc) => new(utc.Ticks - utc.Ticks % Step.Ticks, DateTimeKind.Utc);

    /// <summary>Step starts covering [fromUtc, toUtc) (from rounded down, to up).</summary>
    public IEnumerable<DateTime> Steps(DateTime fromUtc, DateTime toUtc)
    {
        for (var t = StepOf(fromUtc); t < toUtc; t += Step) yield return t;
    }

    /// <summary>
    /// Sums interval values into steps. An interval absent or null makes the step's value null: half a step's energy is
    /// not the step's energy.
    /// </summary>
    public Dictionary<DateTime, double?> Sum(IEnumerable<(DateTime StartUtc, double? Value)> intervals)
    {
        var sums = new Dictionary<DateTime, (double Sum, int Count, bool Missing)>();
        foreach (var (start, value) in intervals)
        {
            var step = StepOf(start);
            sums.TryGetValue(step, out var s);
            sums[step] = value is double v ? (s.Sum + v, s.Count + 1, s.Missing) : (s.Sum, s.Count + 1, true);
        }
        return sums.ToDictionary(kv => kv.Key, kv => kv.Value.Missing || kv.Value.Count != IntervalsPerStep ? null : (double?)kv.Value.Sum);
    }
}
