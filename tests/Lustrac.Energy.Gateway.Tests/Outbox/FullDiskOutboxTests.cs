using System.Text;
using Lustrac.Energy.Gateway.Outbox;
using Lustrac.Energy.Gateway.Tests.Support;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Tests.Outbox;

/// <summary>The outbox on a real, tiny filesystem (tmpfs) that fills up, as a Pi's SD card does during a long broker outage.</summary>
public sealed class FullDiskOutboxTests
{
    private static OutboxSettings Settings(string folder) => new() { Folder = folder, MaxMegabytes = 1024, SegmentKilobytes = 16 };

    // 100-byte payload + device "m1" + topic "t/m1": 10 header + 8 id + 8 seq + 2+2 + 2+4 + 4+100 = 140 bytes a record.
    private static byte[] Payload(ulong seq) => Encoding.UTF8.GetBytes($"seq {seq} ".PadRight(100, '.'));

    [Fact]
    public async Task A_full_disk_drops_the_oldest_segments_counts_them_and_survives_a_restart_while_still_full()
    {
        using var disk = new SmallDisk(kilobytes: 512);
        var folder = Path.Combine(disk.Folder, "outbox");
        var log = new RecordingLogger();
        // 10,000 × 140 bytes = 1.4 MB into a 512 KiB disk (the 1 GiB bound is far away): only the disk can stop it.
        using (var outbox = DiskOutbox.Open(Settings(folder), log))
        {
            for (var i = 0; i < 10_000; i++) outbox.Append("m1", "t/m1", Payload);
            await outbox.FlushAsync();
            var stats = outbox.Statistics();
            Assert.True(stats.DroppedRecords > 0, "nothing dropped: the disk never filled");
            Assert.Equal(10_000, stats.PendingRecords + stats.DroppedRecords);
            Assert.Equal(stats.DroppedRecords + 1, (long)outbox.ReadDurableAfter(0, 1)[0].Seq); // the oldest went, the newest stayed
            Assert.Equal(stats.DroppedRecords, stats.DroppedByDevice["m1"]);
            Assert.True(stats.Full);
            Assert.Equal(1, stats.DropEpisodes);
            var full = Assert.Single(log.At(LogLevel.Error), l => l.StartsWith("Outbox full", StringComparison.Ordinal));
            Assert.Contains("is full", full, StringComparison.Ordinal); // the disk, not Outbox:MaxMegabytes
        }

        // Restarted with the disk still full: it comes up, keeps the count and the backlog, and finds no torn record
        // (a write the full disk cut short was truncated back at once).
        using var reopened = DiskOutbox.Open(Settings(folder), log);
        var before = reopened.Statistics();
        Assert.Equal(0, before.CorruptTails);
        Assert.Equal(10_000UL, reopened.LastSeq("m1"));
        Assert.Equal(10_000, before.PendingRecords + before.DroppedRecords);
        for (var i = 0; i < 1_000; i++) reopened.Append("m1", "t/m1", Payload);
        await reopened.FlushAsync();
        var after = reopened.Statistics();
        Assert.Equal(11_000, after.PendingRecords + after.DroppedRecords);

        // The broker is back: acknowledging everything held frees segments and ends the episode, with its count logged.
        foreach (var r in reopened.ReadDurableAfter(0, 20_000)) reopened.MarkAcked(r.Id);
        Assert.False(reopened.Statistics().Full);
        Assert.Contains(log.At(LogLevel.Warning), l => l.StartsWith("Outbox has room again", StringComparison.Ordinal) && l.Contains($"({after.DroppedRecords} since", StringComparison.Ordinal)
            && l.Contains($": {after.DroppedRecords} unsent messages were dropped", StringComparison.Ordinal)); // one episode, across the restart
    }

    [Fact]
    public async Task A_torn_tail_on_a_full_disk_is_cut_off_in_place_and_reported_as_a_full_disk_not_a_power_cut()
    {
        using var disk = new SmallDisk(kilobytes: 256);
        var folder = Path.Combine(disk.Folder, "outbox");
        using (var outbox = DiskOutbox.Open(Settings(folder), new RecordingLogger()))
        {
            for (var i = 0; i < 3; i++) outbox.Append("m1", "t/m1", Payload);
            await outbox.FlushAsync();
        }
        var segment = Directory.GetFiles(folder, "seg-*").Single(f => new FileInfo(f).Length > 0);
        await using (var file = new FileStream(segment, FileMode.Append)) file.Write(new byte[] { 0x4C, 0x58, 200, 0, 0, 0, 1, 2 }); // half a record
        disk.FillLeaving(4096);

        var log = new RecordingLogger();
        using var reopened = DiskOutbox.Open(Settings(folder), log);
        Assert.Equal([1UL, 2UL, 3UL], reopened.ReadDurableAfter(0, 10).Select(r => r.Seq));
        Assert.Equal(1, reopened.Statistics().CorruptTails);
        Assert.Equal(3 * 141, new FileInfo(segment).Length); // truncated in place (141 bytes per v2 record)
        Assert.False(Directory.Exists(Path.Combine(folder, "corrupt")) && Directory.EnumerateFiles(Path.Combine(folder, "corrupt")).Any());
        var warning = Assert.Single(log.At(LogLevel.Warning), l => l.Contains("incomplete record", StringComparison.Ordinal));
        Assert.Contains("disk was full", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("power cut", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_torn_tail_with_room_on_the_disk_is_copied_aside_and_reported_as_a_power_cut()
    {
        using var disk = new SmallDisk(kilobytes: 1024);
        var folder = Path.Combine(disk.Folder, "outbox");
        using (var outbox = DiskOutbox.Open(Settings(folder), new RecordingLogger()))
        {
            outbox.Append("m1", "t/m1", Payload);
            await outbox.FlushAsync();
        }
        var segment = Directory.GetFiles(folder, "seg-*").Single(f => new FileInfo(f).Length > 0);
        await using (var file = new FileStream(segment, FileMode.Append)) file.Write(new byte[] { 0x4C, 0x58, 200 });

        var log = new RecordingLogger();
        using var reopened = DiskOutbox.Open(Settings(folder), log);
        Assert.Equal(3, new FileInfo(Assert.Single(Directory.GetFiles(Path.Combine(folder, "corrupt")))).Length);
        Assert.Contains(log.At(LogLevel.Warning), l => l.Contains("power cut", StringComparison.Ordinal));
    }
}
