using System.Text;
using Lustrac.Energy.Gateway.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lustrac.Energy.Gateway.Tests.Outbox;

public sealed class DiskOutboxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-outbox-").FullName;

    private DiskOutbox Open(int maxMegabytes = 1024, int segmentKilobytes = 4096) =>
        DiskOutbox.Open(new OutboxSettings { Folder = _folder, MaxMegabytes = maxMegabytes, SegmentKilobytes = segmentKilobytes }, NullLogger.Instance);

    private static byte[] Payload(ulong seq, int size = 40) => Encoding.UTF8.GetBytes($"seq {seq} ".PadRight(size, '.'));

    [Fact]
    public async Task Publishes_nothing_before_it_is_durable_then_everything_in_order()
    {
        using var outbox = Open();
        outbox.Append("m1", "t/m1", s => Payload(s));
        outbox.Append("m2", "t/m2", s => Payload(s));
        outbox.Append("m1", "t/m1", s => Payload(s));

        Assert.Empty(outbox.ReadDurableAfter(0, 10));
        await outbox.FlushAsync();

        var records = outbox.ReadDurableAfter(0, 10);
        Assert.Equal([(1UL, "m1", 1UL), (2UL, "m2", 1UL), (3UL, "m1", 2UL)], records.Select(r => (r.Id, r.Device, r.Seq)));
        Assert.Equal("seq 2 ", Encoding.UTF8.GetString(records[2].Payload)[..6]);
    }

    [Fact]
    public async Task Sequence_numbers_and_unacknowledged_messages_survive_a_restart()
    {
        using (var outbox = Open())
        {
            for (var i = 0; i < 5; i++) outbox.Append("m1", "t/m1", s => Payload(s));
            await outbox.FlushAsync();
            outbox.MarkAcked(1);
            outbox.MarkAcked(2);
            await outbox.FlushAsync();
        } // no orderly shutdown is needed: the records were written as they came

        using var reopened = Open();
        Assert.Equal(5UL, reopened.LastSeq("m1"));
        Assert.Equal([3UL, 4UL, 5UL], reopened.ReadDurableAfter(0, 10).Select(r => r.Seq));
        Assert.Equal(6UL, reopened.Append("m1", "t/m1", s => Payload(s)).Seq);
    }

    [Fact]
    public async Task Forgets_segments_once_every_message_in_them_is_acknowledged_but_keeps_the_numbering()
    {
        using (var outbox = Open(segmentKilobytes: 16))
        {
            for (var i = 0; i < 1000; i++) outbox.Append("m1", "t/m1", s => Payload(s, 100));
            await outbox.FlushAsync();
            foreach (var r in outbox.ReadDurableAfter(0, 2000)) outbox.MarkAcked(r.Id);
            await outbox.FlushAsync();
            Assert.Equal(0, outbox.Statistics().PendingRecords);
        }
        Assert.True(Directory.GetFiles(_folder, "seg-*").Length <= 2);

        using var reopened = Open(segmentKilobytes: 16);
        Assert.Empty(reopened.ReadDurableAfter(0, 10));
        Assert.Equal(1001UL, reopened.Append("m1", "t/m1", s => Payload(s)).Seq);
    }

    [Fact]
    public async Task Acknowledgements_out_of_order_advance_the_cursor_only_over_a_contiguous_prefix()
    {
        using var outbox = Open();
        for (var i = 0; i < 4; i++) outbox.Append("m1", "t/m1", s => Payload(s));
        await outbox.FlushAsync();

        outbox.MarkAcked(2);
        outbox.MarkAcked(3);
        Assert.Equal(1UL, outbox.LowestUnacked);
        Assert.Equal([1UL, 4UL], outbox.ReadDurableAfter(0, 10).Select(r => r.Id));
        outbox.MarkAcked(1);
        Assert.Equal(4UL, outbox.LowestUnacked);
    }

    [Fact]
    public async Task A_torn_tail_after_a_power_cut_is_set_aside_and_the_good_records_kept()
    {
        using (var outbox = Open())
        {
            for (var i = 0; i < 3; i++) outbox.Append("m1", "t/m1", s => Payload(s));
            await outbox.FlushAsync();
        }
        var segment = Directory.GetFiles(_folder, "seg-*").Single(f => new FileInfo(f).Length > 0);
        var bytes = File.ReadAllBytes(segment);
        File.WriteAllBytes(segment, bytes[..^7]); // the last record lost its end

        using var reopened = Open();
        Assert.Equal([1UL, 2UL], reopened.ReadDurableAfter(0, 10).Select(r => r.Seq));
        Assert.Equal(1, reopened.Statistics().CorruptTails);
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "corrupt")));
        Assert.Equal(3UL, reopened.Append("m1", "t/m1", s => Payload(s)).Seq); // the torn message's number is reused: it was never durable
    }

    [Fact]
    public async Task A_flipped_bit_is_caught_by_the_checksum()
    {
        using (var outbox = Open())
        {
            for (var i = 0; i < 3; i++) outbox.Append("m1", "t/m1", s => Payload(s));
            await outbox.FlushAsync();
        }
        var segment = Directory.GetFiles(_folder, "seg-*").Single(f => new FileInfo(f).Length > 0);
        var bytes = File.ReadAllBytes(segment);
        bytes[^3] ^= 0x10;
        File.WriteAllBytes(segment, bytes);

        using var reopened = Open();
        Assert.Equal(2, reopened.ReadDurableAfter(0, 10).Count);
    }

    [Fact]
    public async Task When_full_drops_the_oldest_segment_and_counts_what_it_dropped()
    {
        using var outbox = Open(maxMegabytes: 1, segmentKilobytes: 64);
        for (var i = 0; i < 20_000; i++) outbox.Append("m1", "t/m1", s => Payload(s, 100));
        await outbox.FlushAsync();

        var stats = outbox.Statistics();
        Assert.True(stats.Bytes <= 1024 * 1024, $"outbox holds {stats.Bytes} bytes");
        Assert.True(stats.DroppedRecords > 0);
        Assert.Equal(20_000, stats.PendingRecords + stats.DroppedRecords);
        Assert.Equal(stats.DroppedRecords + 1, (long)outbox.ReadDurableAfter(0, 1)[0].Seq);
    }

    [Fact]
    public async Task A_message_dropped_while_in_flight_is_counted_back_when_its_acknowledgement_comes_after_all()
    {
        using var outbox = Open(maxMegabytes: 1, segmentKilobytes: 64);
        for (var i = 0; i < 10; i++) outbox.Append("m1", "t/m1", s => Payload(s, 100));
        await outbox.FlushAsync();
        var inFlight = outbox.ReadDurableAfter(0, 10); // handed to the publisher: sent, PUBACKs pending
        for (var i = 0; i < 20_000; i++) outbox.Append("m1", "t/m1", s => Payload(s, 100)); // the bound drops the oldest segments
        var dropped = outbox.Statistics().DroppedRecords;
        Assert.True(outbox.LowestUnacked > inFlight[^1].Id, "the segment holding the sent messages should have been dropped");

        foreach (var r in inFlight.Take(4)) outbox.MarkAcked(r.Id); // four of the ten arrive after all
        Assert.Equal(dropped - 4, outbox.Statistics().DroppedRecords);
        outbox.MarkAcked(inFlight[0].Id); // a duplicate PUBACK counts nothing twice
        Assert.Equal(dropped - 4, outbox.Statistics().DroppedRecords);
    }

    [Fact]
    public async Task Acknowledged_messages_leave_memory_while_their_segment_stays_on_disk()
    {
        using var outbox = Open(); // one 4 MB segment holds all of this: nothing is sealed
        for (var i = 0; i < 600; i++) outbox.Append("m1", "t/m1", s => Payload(s, 100));
        await outbox.FlushAsync();
        Assert.Equal(600, outbox.RecordsInMemory);

        for (var id = 1UL; id <= 300; id++) outbox.MarkAcked(id); // half a backlog drained
        Assert.InRange(outbox.RecordsInMemory, 300, 300 + 255); // cut in steps of 256 while a backlog drains
        Assert.Equal(Enumerable.Range(301, 300).Select(i => (ulong)i), outbox.ReadDurableAfter(0, 1000).Select(r => r.Id));

        for (var id = 301UL; id <= 600; id++) outbox.MarkAcked(id);
        Assert.Equal(0, outbox.RecordsInMemory);
        Assert.Single(Directory.GetFiles(_folder, "seg-*")); // the file stays until the segment is sealed and all acknowledged
    }

    [Fact]
    public async Task A_gateway_that_keeps_up_holds_no_message_in_memory_and_still_seals_and_deletes_its_segments()
    {
        using var outbox = Open(segmentKilobytes: 16);
        for (var round = 0; round < 100; round++) // 10 meters at a time, each batch acknowledged before the next
        {
            for (var i = 0; i < 10; i++) outbox.Append("m" + i, "t/m" + i, s => Payload(s, 100));
            await outbox.FlushAsync();
            foreach (var r in outbox.ReadDurableAfter(0, 100)) outbox.MarkAcked(r.Id);
            Assert.Equal(0, outbox.RecordsInMemory);
        }
        Assert.Equal(0, outbox.Statistics().PendingRecords);
        Assert.True(Directory.GetFiles(_folder, "seg-*").Length <= 2, "1,000 messages of 16 KB segments: sealed and deleted as they fill");
        Assert.True(outbox.Statistics().Bytes < 16 * 1024 * 2);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
