namespace Lustrac.Energy.Protocol.Quantities;

/// <summary>Whether a quantity accumulates (a counter, read as differences) or is a snapshot (a gauge).</summary>
public enum QuantityKind
{
    /// <summary>Cumulative and non-decreasing in normal operation; interval values are differences.</summary>
    Counter,
    /// <summary>An instantaneous value; only for the live view and for levels.</summary>
    Gauge,
}

/// <summary>
/// One entry of the fixed vocabulary. <see cref="Min"/> and <see cref="Max"/> bound physically plausible
/// values: anything outside is rejected at ingest as out of range.
/// </summary>
public sealed record Quantity(string Name, string Unit, QuantityKind Kind, double Min, double Max, string Description);
