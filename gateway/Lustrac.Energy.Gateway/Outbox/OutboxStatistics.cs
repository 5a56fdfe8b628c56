namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>What an operator needs to know about the outbox: backlog, what it had to drop, what it found torn.</summary>
public sealed record OutboxStatistics(long PendingRecords, long Bytes, long DroppedRecords, long CorruptTails, ulong LowestUnacked, ulong NextId);
