using System.Text;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>A message ingest refused, kept with the reason so an operator can see what is wrong and where.</summary>
public sealed record QuarantinedMessage(DateTimeOffset ReceivedAt, string Topic, string Reason, string PayloadExcerpt);

/// <summary>
/// Recent refused messages (a bounded ring: the newest 1,000 kept) and a total count that never wraps.
/// Refusing a message never blocks the good ones behind it.
/// </summary>
public sealed class Quarantine(TimeProvider clock)
{
    public const int Capacity = 1000;
    private readonly Queue<QuarantinedMessage> _recent = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Add(string topic, ReadOnlySpan<byte> payload, string reason)
    {
        var excerpt = Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, 512)]);
        var item = new QuarantinedMessage(clock.GetUtcNow(), topic, reason, excerpt);
        lock (_recent)
        {
            _recent.Enqueue(item);
            if (_recent.Count > Capacity) _recent.Dequeue();
        }
        Interlocked.Increment(ref _total);
    }

    public IReadOnlyList<QuarantinedMessage> Recent()
    {
        lock (_recent) return _recent.Reverse().ToList();
    }
}
