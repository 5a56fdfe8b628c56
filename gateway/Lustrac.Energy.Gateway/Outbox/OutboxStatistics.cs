namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>
/// What an operator needs to know about the outbox: backlog, what it had to drop (kept across restarts;
/// <see cref="DroppedByDevice"/> keys are device ids, or id + "#status"), whether it is full now, what it found torn.
/// </summary>
public sealed record OutboxStatistics(long PendingRecords, long Bytes, long DroppedRecords, long CorruptTails, ulong LowestUnacked, ulong NextId)
{
    public long DropEpisodes { get; init; }
    public bool Full { get; init; }
    public IReadOnlyDictionary<string, long> DroppedByDevice { get; init; } = new Dictionary<string, long>();
}
