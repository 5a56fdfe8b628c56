namespace Lustrac.Energy.Autonomy.Intervals;

/// <summary>
/// How an interval value was obtained. Ordered from best to worst so the worst of several is <c>Max</c>.
/// Precise rules (boundary = interval start or end):
/// <list type="bullet">
/// <item><b>Measured</b>: both boundaries are either a reading exactly at the boundary, or interpolated between
/// two readings of the same counter segment at most <see cref="IntervalOptions.MaxGap"/> apart; no uncertain reading used.</item>
/// <item><b>Interpolated</b>: both boundaries have a value, but at least one was interpolated across a gap longer
/// than MaxGap or rests on an uncertain reading. Energy is conserved, resolution is lost.</item>
/// <item><b>Missing</b>: a boundary has no reading on one side, or the boundaries lie in different counter segments
/// (a decrease happened in between). The value is null, never 0.</item>
/// </list>
/// Between Interpolated and Missing, <b>Estimated</b>: the counter is unusable for the interval (Missing by the rules
/// above) but the meter's <c>active_power</c> readings cover it, so the energy is the integral of power
/// (<see cref="PowerEstimate"/>). A figure, but not a counter's: it shows in coverage as its own count.
/// </summary>
public enum IntervalQuality
{
    Measured = 0,
    Interpolated = 1,
    Estimated = 2,
    Missing = 3,
}
