namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>Bound from the "Outbox" configuration section.</summary>
public sealed class OutboxSettings
{
    /// <summary>Where the outbox lives; on a Pi, a folder on the SD card or a USB stick (e.g. /var/lib/lustrac/outbox).</summary>
    public string Folder { get; set; } = "outbox";

    /// <summary>
    /// Upper bound on disk use. The default, 1 GiB, holds about 5 weeks of a 10-meter gateway polling every
    /// 10 s (≈ 26 MB/day); the promise is 7 days. When full, the oldest segment is dropped and counted.
    /// </summary>
    public int MaxMegabytes { get; set; } = 1024;

    public int SegmentKilobytes { get; set; } = 4096;

    /// <summary>
    /// Records are written to the file at once (a crash of the process loses nothing) and made durable with
    /// one fsync per this period (a power cut loses at most this long of readings). Batching spares the SD card.
    /// </summary>
    public int FlushMilliseconds { get; set; } = 250;

    /// <summary>Publishes in flight at once while draining a backlog.</summary>
    public int PublishWindow { get; set; } = 200;
}
