namespace Lustrac.Energy.Autonomy.Intervals;

public enum CounterEventKind
{
    /// <summary>The counter went down: a reset (gateway lost its pulse count, meter cleared) or a meter replacement.</summary>
    Decrease,
    /// <summary>The counter rose faster than <see cref="IntervalOptions.MaxRatePerHour"/> allows.</summary>
    ImplausibleIncrease,
    /// <summary>Two consecutive readings further apart than <see cref="IntervalOptions.MaxInterpolationGap"/>.</summary>
    GapTooLong,
}

/// <summary>
/// A counter discontinuity, recorded instead of being turned into a negative interval or a spike (architecture
/// decision 5). The energy between <see cref="BeforeUtc"/> and <see cref="AfterUtc"/> is unknown.
/// </summary>
public sealed record CounterEvent(
    string SeriesId,
    CounterEventKind Kind,
    DateTime BeforeUtc,
    double BeforeValue,
    DateTime AfterUtc,
    double AfterValue)
{
    /// <summary>Whether the event lies (even in part) inside [startUtc, endUtc): the intervals it leaves Missing.</summary>
    public bool Overlaps(DateTime startUtc, DateTime endUtc) => BeforeUtc < endUtc && AfterUtc > startUtc;
}
