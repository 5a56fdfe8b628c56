using System.Numerics;

namespace Lustrac.Energy.Autonomy.Rollups;

/// <summary>
/// The sum of the defined intervals of [StartUtc, EndUtc) and how much of the period it covers. Ratios come from
/// <see cref="Sum"/> (summed parts), so a day, a month and the intervals inside them always agree.
/// </summary>
/// <param name="Expected">Intervals in the period (92, 96 or 100 quarter-hours for a Paris day).</param>
/// <param name="Present">Defined intervals (Measured + Interpolated + Estimated).</param>
/// <param name="Estimated">Intervals whose energy was estimated from power (a counter was unusable).</param>
/// <param name="MeterIntervalsReporting">Σ over the period's intervals of meters reporting; with
/// <see cref="MeterIntervalsExpected"/> this is the "meters reporting / expected" coverage.</param>
public sealed record Rollup<T>(
    DateTime StartUtc,
    DateTime EndUtc,
    T Sum,
    int Expected,
    int Present,
    int Measured,
    int Interpolated,
    long MeterIntervalsReporting,
    long MeterIntervalsExpected,
    int Estimated = 0)
    where T : struct, IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T>
{
    /// <summary>Intervals missing, including those with no record at all.</summary>
    public int Missing => Expected - Present;

    /// <summary>Present / expected in [0, 1]; null for an empty period.</summary>
    public double? Coverage => Expected > 0 ? (double)Present / Expected : null;

    /// <summary>Meters reporting / meters expected over the intervals that have records; null when nothing was expected.</summary>
    public double? MeterCoverage => MeterIntervalsExpected > 0 ? (double)MeterIntervalsReporting / MeterIntervalsExpected : null;
}
