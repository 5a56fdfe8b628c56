namespace Lustrac.Energy.Autonomy.Intervals;

/// <summary>
/// One reading of a cumulative counter (kWh or litres), as stored: identified by (meter, quantity, timestamp).
/// </summary>
/// <param name="TimeUtc">Reading time. Must be <see cref="DateTimeKind.Utc"/> or Unspecified (taken as UTC); Local is refused.</param>
/// <param name="Value">Cumulative counter value, never signed (import and export are two counters).</param>
/// <param name="Quality">Reading quality; <see cref="SampleQuality.Bad"/> readings are ignored.</param>
/// <param name="Revision">
/// The store's write order for this timestamp (higher = written later). Two readings with the same timestamp are
/// resolved by the highest revision — "last written wins" like the store — without depending on the order the
/// engine is handed them.
/// </param>
public readonly record struct CounterSample(DateTime TimeUtc, double Value, SampleQuality Quality = SampleQuality.Good, long Revision = 0);
