using System.Threading.Channels;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;

namespace Lustrac.Energy.Server.Scheduling;

/// <summary>A stored batch's time span for one device and quantity.</summary>
public readonly record struct TouchedSpan(string Device, string Quantity, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// Subscribed to stored batches (<see cref="Ingest.StoredBatches"/>): after a batch is durable, it notes which (device, quantity) spans it wrote. This only queues;
/// <see cref="IntervalCloser"/> works out which closed intervals the span really touches (late data, replays,
/// a gateway back after an outage) and recomputes exactly those. Readings the engine never uses are ignored here.
/// </summary>
public sealed class LateDataQueue : Ingest.IStoredBatchObserver
{
    private readonly HashSet<(string Device, string Quantity)> _used;
    private readonly Channel<TouchedSpan> _pending = Channel.CreateUnbounded<TouchedSpan>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Every (device, quantity) that <see cref="BalanceFeeds"/> says feeds a balance, for the plan's devices.</summary>
    public LateDataQueue(SitePlan plan)
    {
        _used = BalanceFeeds.All
            .SelectMany(feed => plan.DevicesOf(feed).SelectMany(device => feed.Quantities.Select(q => (device, q))))
            .ToHashSet();
    }

    public bool IsUsed(string device, string quantity) => _used.Contains((device, quantity));

    /// <summary>Readings of <paramref name="device"/>/<paramref name="quantity"/> in [from, to] were just stored.</summary>
    public void Touched(string device, string quantity, DateTimeOffset from, DateTimeOffset to)
    {
        if (IsUsed(device, quantity)) _pending.Writer.TryWrite(new TouchedSpan(device, quantity, from, to));
    }

    void Ingest.IStoredBatchObserver.OnStored(IReadOnlyList<StoredReading> batch) => Touched(batch);

    /// <summary>After a store write: one span per (device, quantity) of the batch.</summary>
    public void Touched(IReadOnlyList<StoredReading> batch)
    {
        // One pass, keeping only the pairs the engine uses: grouping every reading of a 5,000-reading batch cost more.
        var spans = new Dictionary<(string Device, string Quantity), (DateTimeOffset From, DateTimeOffset To)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var r = batch[i];
            var key = (r.Device, r.Quantity);
            if (spans.TryGetValue(key, out var span))
                spans[key] = (r.Time < span.From ? r.Time : span.From, r.Time > span.To ? r.Time : span.To);
            else if (IsUsed(r.Device, r.Quantity))
                spans[key] = (r.Time, r.Time);
        }
        foreach (var (key, span) in spans) _pending.Writer.TryWrite(new TouchedSpan(key.Device, key.Quantity, span.From, span.To));
    }

    /// <summary>The pseudo-quantity of a recorded turning: its span is the range of closed intervals to recompute.</summary>
    public const string TurningQuantity = "compost_turning";

    /// <summary>
    /// A turning of <paramref name="pile"/> at <paramref name="timeUtc"/> was stored. Every closed interval whose compost
    /// status looks back over it (its end within the status window after the turning) is recomputed.
    /// </summary>
    public void TurningRecorded(string pile, DateTime timeUtc, TimeSpan compostWindow) =>
        _pending.Writer.TryWrite(new TouchedSpan(pile, TurningQuantity,
            new DateTimeOffset(DateTime.SpecifyKind(timeUtc, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(timeUtc + compostWindow, DateTimeKind.Utc))));

    internal bool TryTake(out TouchedSpan span) => _pending.Reader.TryRead(out span);

    internal ValueTask<bool> WaitAsync(CancellationToken ct) => _pending.Reader.WaitToReadAsync(ct);
}
