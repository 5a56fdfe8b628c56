using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Server.Storage;

/// <summary>One stored reading without its tags: what the autonomy engine needs, kept small because a year of one
/// neighbourhood is millions of them.</summary>
public readonly record struct ReadingPoint(long TimeMs, double Value, ReadingQuality Quality);
