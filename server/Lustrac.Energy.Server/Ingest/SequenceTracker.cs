using System.Collections.Concurrent;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>What one device's sequence numbers say about delivery, as seen by this server instance.</summary>
public sealed record DeviceSequenceReport(string Device, ulong HighestSeq, long Messages, long Missing, long Duplicates, long Late, long Restarts, DateTimeOffset LastSeenAt);

/// <summary>
/// Watches each device's <c>seq</c> (+1 per message) to report gaps and duplicates. Reporting only: it never
/// decides whether a message is stored (idempotency comes from the store key device, quantity, time), so a
/// restart that forgets it, or a second server instance that sees only part of a device's messages, can make
/// the report less accurate but never makes the data wrong. With shared subscriptions across instances,
/// read each instance's gaps as "not seen here", not "lost".
/// A window of the last <see cref="Window"/> numbers tells a duplicate from a late message that fills a gap
/// (a gateway replaying its outbox out of order).
/// </summary>
public sealed class SequenceTracker(TimeProvider clock)
{
    public const int Window = 4096;

    private readonly ConcurrentDictionary<string, DeviceSequence> _devices = new(StringComparer.Ordinal);
    private long _missing, _duplicates, _late, _restarts;

    /// <summary>Sequence numbers skipped (net of those that arrived late).</summary>
    public long Missing => Interlocked.Read(ref _missing);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    /// <summary>Messages that arrived after a higher seq, filling a gap.</summary>
    public long Late => Interlocked.Read(ref _late);
    /// <summary>A seq far below the highest seen: the gateway lost its counter (new SD card, reinstall).</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    public void Observe(string device, ulong seq)
    {
        var state = _devices.GetOrAdd(device, static d => new DeviceSequence(d));
        lock (state)
        {
            state.Messages++;
            state.LastSeenAt = clock.GetUtcNow();
            if (state.Messages == 1) { state.Restart(seq); return; }
            if (seq > state.Highest)
            {
                var skipped = seq - state.Highest - 1;
                if (skipped >= Window) { Count(ref state.Missing, ref _missing, (long)Math.Min(skipped, long.MaxValue / 2)); state.Restart(seq); return; }
                Count(ref state.Missing, ref _missing, (long)skipped);
                for (var s = state.Highest + 1; s < seq; s++) state.Mark(s, false);
                state.Highest = seq;
                state.Mark(seq, true);
                return;
            }
            var behind = state.Highest - seq;
            if (behind >= Window) { Count(ref state.Restarts, ref _restarts, 1); state.Restart(seq); return; }
            if (state.IsSeen(seq)) { Count(ref state.Duplicates, ref _duplicates, 1); return; }
            state.Mark(seq, true);
            Count(ref state.Late, ref _late, 1);
            Count(ref state.Missing, ref _missing, -1);
        }
    }

    public IReadOnlyList<DeviceSequenceReport> Report() =>
        _devices.Values.Select(d => { lock (d) return d.ToReport(); }).OrderBy(r => r.Device, StringComparer.Ordinal).ToList();

    private static void Count(ref long perDevice, ref long total, long n)
    {
        perDevice += n;
        Interlocked.Add(ref total, n);
    }

    private sealed class DeviceSequence(string device)
    {
        private readonly ulong[] _seen = new ulong[Window / 64];
        public ulong Highest;
        public long Messages, Missing, Duplicates, Late, Restarts;
        public DateTimeOffset LastSeenAt;

        public void Restart(ulong seq)
        {
            Array.Clear(_seen);
            Highest = seq;
            Mark(seq, true);
        }

        public bool IsSeen(ulong seq) => (_seen[seq / 64 % (Window / 64)] & (1UL << (int)(seq % 64))) != 0;

        public void Mark(ulong seq, bool seen)
        {
            ref var word = ref _seen[seq / 64 % (Window / 64)];
            var bit = 1UL << (int)(seq % 64);
            word = seen ? word | bit : word & ~bit;
        }

        public DeviceSequenceReport ToReport() => new(device, Highest, Messages, Missing, Duplicates, Late, Restarts, LastSeenAt);
    }
}
