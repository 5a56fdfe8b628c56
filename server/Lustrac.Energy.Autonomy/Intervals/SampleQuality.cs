namespace Lustrac.Energy.Autonomy.Intervals;

/// <summary>
/// Quality of one raw reading, mirroring the wire contract (<c>good</c>, <c>uncertain</c>, <c>bad</c>).
/// Kept local so the engine depends on the BCL only.
/// </summary>
public enum SampleQuality
{
    /// <summary>Read and checked: used as is.</summary>
    Good,
    /// <summary>Used, but a boundary value resting on it is at best <see cref="IntervalQuality.Interpolated"/>.</summary>
    Uncertain,
    /// <summary>Never used in figures.</summary>
    Bad,
}
