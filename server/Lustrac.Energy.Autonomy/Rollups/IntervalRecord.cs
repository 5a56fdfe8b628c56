using Lustrac.Energy.Autonomy.Intervals;

namespace Lustrac.Energy.Autonomy.Rollups;

/// <summary>
/// The additive parts of one canonical interval with its quality and meter coverage. When Quality is Missing,
/// Parts is the zero value and must not be shown: a rollup skips it and reports it in its coverage.
/// </summary>
public readonly record struct IntervalRecord<T>(DateTime StartUtc, T Parts, IntervalQuality Quality, int MetersReporting, int MetersExpected)
    where T : struct
{
    public bool IsDefined => Quality != IntervalQuality.Missing;

    /// <summary>The parts, or null when the interval is unknown.</summary>
    public T? Value => IsDefined ? Parts : null;
}
