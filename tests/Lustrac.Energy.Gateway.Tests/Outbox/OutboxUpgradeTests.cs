using System.Buffers.Binary;
using System.Text;
using Lustrac.Energy.Gateway.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lustrac.Energy.Gateway.Tests.Outbox;

/// <summary>
/// A gateway upgraded with a backlog on disk: segments written by the previous version (format v1), built here byte by
/// byte from the documented v1 layout (README, Delivery guarantees: formats), are read and delivered by this one.
/// </summary>
public sealed class OutboxUpgradeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-outbox-v1-").FullName;

    private DiskOutbox Open() => DiskOutbox.Open(new OutboxSettings { Folder = _folder, SegmentKilobytes = 4 }, NullLogger.Instance);

    /// <summary>v1: "LX", body length (u32), CRC-32 of the body (u32); body: id, seq (u64), device, topic (u16 + UTF-8), payload (u32 + bytes).</summary>
    private static byte[] V1Record(ulong id, string device, ulong seq)
    {
        var body = new List<byte>();
        body.AddRange(BitConverter.GetBytes(id));
        body.AddRange(BitConverter.GetBytes(seq));
        foreach (var text in new[] { device, $"lustrac/v1/lustrac/gw-est/{device}/readings" })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            body.AddRange(BitConverter.GetBytes((ushort)bytes.Length));
            body.AddRange(bytes);
        }
        var payload = Encoding.UTF8.GetBytes($"{{\"seq\":{seq}}}");
        body.AddRange(BitConverter.GetBytes(payload.Length));
        body.AddRange(payload);
        var frame = new List<byte> { (byte)'L', (byte)'X' };
        frame.AddRange(BitConverter.GetBytes(body.Count));
        frame.AddRange(BitConverter.GetBytes(BitwiseCrc32([.. body])));
        frame.AddRange(body);
        return [.. frame];
    }

    private static uint BitwiseCrc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>200 messages of 3 meters over two v1 segments, ids 1..200; returns (id, device, seq) in order.</summary>
    private List<(ulong Id, string Device, ulong Seq)> WriteV1Backlog()
    {
        Assert.True(BitConverter.IsLittleEndian);
        var expected = new List<(ulong, string, ulong)>();
        var seqs = new Dictionary<string, ulong> { ["h01-meter"] = 40, ["h02-meter"] = 7, ["h03-meter"] = 0 };
        for (var segment = 1; segment <= 2; segment++)
        {
            using var file = File.Create(Path.Combine(_folder, $"seg-{segment:D10}.lxo"));
            for (var i = 0; i < 100; i++)
            {
                var id = (ulong)expected.Count + 1;
                var device = $"h0{id % 3 + 1}-meter";
                var seq = ++seqs[device];
                file.Write(V1Record(id, device, seq));
                expected.Add((id, device, seq));
            }
        }
        return expected;
    }

    [Fact]
    public async Task A_v1_backlog_is_delivered_in_order_with_its_sequence_numbers_and_numbering_continues()
    {
        var expected = WriteV1Backlog();

        using (var outbox = Open())
        {
            Assert.Equal(200, outbox.Statistics().PendingRecords);
            Assert.Equal(0, outbox.Statistics().CorruptTails);
            Assert.Equal(expected, outbox.ReadDurableAfter(0, 1000).Select(r => (r.Id, r.Device, r.Seq)));
            Assert.Equal($"{{\"seq\":{expected[0].Seq}}}", Encoding.UTF8.GetString(outbox.ReadDurableAfter(0, 1)[0].Payload));
            var next = outbox.Append("h01-meter", "t", _ => [1, 2, 3]);
            Assert.Equal((201UL, expected.Last(e => e.Device == "h01-meter").Seq + 1), (next.Id, next.Seq));
            await outbox.FlushAsync();
        }

        using var reopened = Open(); // v1 segments and a v2 one side by side
        var all = reopened.ReadDurableAfter(0, 1000);
        Assert.Equal(expected, all.Take(200).Select(r => (r.Id, r.Device, r.Seq)));
        Assert.Equal(201UL, all[^1].Id);
        var v2Segment = Directory.GetFiles(_folder, "seg-*.lxo").Where(f => new FileInfo(f).Length > 0).Order(StringComparer.Ordinal).Last();
        Assert.Equal("LV\u0002", Encoding.ASCII.GetString(File.ReadAllBytes(v2Segment), 0, 3));
    }

    [Fact]
    public void A_v1_backlog_resumes_after_its_acknowledgement_cursor()
    {
        var expected = WriteV1Backlog();
        File.WriteAllText(Path.Combine(_folder, "acked"), "151");

        using var outbox = Open();

        Assert.Equal(expected.Skip(150), outbox.ReadDurableAfter(outbox.LowestUnacked - 1, 1000).Select(r => (r.Id, r.Device, r.Seq)));
    }

    [Fact]
    public void A_torn_v1_tail_is_cut_off_after_the_last_whole_record()
    {
        var expected = WriteV1Backlog();
        var last = Path.Combine(_folder, "seg-0000000002.lxo");
        var torn = V1Record(201, "h01-meter", 999);
        using (var file = new FileStream(last, FileMode.Append)) file.Write(torn.AsSpan(0, torn.Length - 3));

        using var outbox = Open();

        Assert.Equal(1, outbox.Statistics().CorruptTails);
        Assert.Equal(expected, outbox.ReadDurableAfter(0, 1000).Select(r => (r.Id, r.Device, r.Seq)));
    }

    [Fact]
    public void A_record_of_a_newer_format_stops_the_gateway_and_is_left_untouched()
    {
        WriteV1Backlog();
        var last = Path.Combine(_folder, "seg-0000000002.lxo");
        var newer = OutboxRecordFormat.Encode(new OutboxRecord(201, "h01-meter", 1, "t", [1]));
        newer[2] = OutboxRecordFormat.Version + 1;
        using (var file = new FileStream(last, FileMode.Append)) file.Write(newer);
        var length = new FileInfo(last).Length;

        var error = Assert.Throws<InvalidDataException>(Open);

        Assert.Contains("newer", error.Message);
        Assert.Equal(length, new FileInfo(last).Length);
    }

    [Fact]
    public void A_v2_record_with_a_damaged_length_or_version_fails_its_checksum()
    {
        var frame = OutboxRecordFormat.Encode(new OutboxRecord(1, "h01-meter", 1, "t", [1, 2, 3]));
        Assert.True(OutboxRecordFormat.TryDecode(frame, out _, out var consumed));
        Assert.Equal(frame.Length, consumed);

        var padded = frame.Concat(new byte[8]).ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(padded.AsSpan(3), BinaryPrimitives.ReadInt32LittleEndian(padded.AsSpan(3)) + 8);
        Assert.False(OutboxRecordFormat.TryDecode(padded, out _, out _));
        var body = (byte[])frame.Clone();
        body[^1] ^= 1;
        Assert.False(OutboxRecordFormat.TryDecode(body, out _, out _));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
