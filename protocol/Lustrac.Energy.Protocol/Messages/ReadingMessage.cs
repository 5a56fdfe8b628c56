namespace Lustrac.Energy.Protocol.Messages;

/// <summary>One value of one quantity, in the unit the vocabulary fixes for it.</summary>
public readonly record struct Reading(string Quantity, double Value, string Unit, ReadingQuality Quality);

/// <summary>
/// The payload of <c>lustrac/v1/{site}/{gateway}/{device}/readings</c>: one sample of one device.
/// <see cref="Seq"/> increases by one per message of that device and survives gateway restarts, so the
/// server can tell duplicates (same seq) from gaps (missing seq).
/// </summary>
public sealed record ReadingMessage(ulong Seq, DateTimeOffset Time, IReadOnlyList<Reading> Readings);
