using System.Buffers.Binary;
using System.Text;

namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>One message waiting for the broker's acknowledgement. <see cref="Id"/> orders all records of the gateway.</summary>
public sealed record OutboxRecord(ulong Id, string Device, ulong Seq, string Topic, byte[] Payload);

/// <summary>
/// On-disk framing of a record: magic "LX", body length (u32), CRC-32 of the body (u32), then the body:
/// id (u64), seq (u64), device, topic (u16 length + UTF-8 each), payload (u32 length + bytes). Little-endian.
/// A record whose magic, length or CRC does not check out marks the start of a torn tail.
/// </summary>
public static class OutboxRecordFormat
{
    public const ushort Magic = 0x584C; // "LX"
    public const int HeaderBytes = 10;
    public const int MaxBodyBytes = 1 << 20;

    public static byte[] Encode(OutboxRecord r)
    {
        var device = Encoding.UTF8.GetBytes(r.Device);
        var topic = Encoding.UTF8.GetBytes(r.Topic);
        var bodyLength = 8 + 8 + 2 + device.Length + 2 + topic.Length + 4 + r.Payload.Length;
        var frame = new byte[HeaderBytes + bodyLength];
        var body = frame.AsSpan(HeaderBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(body, r.Id);
        BinaryPrimitives.WriteUInt64LittleEndian(body[8..], r.Seq);
        var at = 16;
        at = WriteBlock16(body, at, device);
        at = WriteBlock16(body, at, topic);
        BinaryPrimitives.WriteInt32LittleEndian(body[at..], r.Payload.Length);
        r.Payload.CopyTo(body[(at + 4)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(frame, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(2), bodyLength);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(6), Crc32.Compute(body));
        return frame;
    }

    /// <summary>Decodes the record at the start of <paramref name="data"/>; false at a torn or corrupt record.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out OutboxRecord record, out int consumed)
    {
        record = null!;
        consumed = 0;
        if (data.Length < HeaderBytes || BinaryPrimitives.ReadUInt16LittleEndian(data) != Magic) return false;
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(data[2..]);
        if (bodyLength is < 24 or > MaxBodyBytes || data.Length < HeaderBytes + bodyLength) return false;
        var body = data.Slice(HeaderBytes, bodyLength);
        if (Crc32.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(data[6..])) return false;
        try
        {
            var id = BinaryPrimitives.ReadUInt64LittleEndian(body);
            var seq = BinaryPrimitives.ReadUInt64LittleEndian(body[8..]);
            var at = 16;
            var device = ReadBlock16(body, ref at);
            var topic = ReadBlock16(body, ref at);
            var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
            var payload = body.Slice(at + 4, payloadLength).ToArray();
            record = new OutboxRecord(id, device, seq, topic, payload);
            consumed = HeaderBytes + bodyLength;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // lengths inside a CRC-valid body disagree: treat as corrupt
        }
    }

    private static int WriteBlock16(Span<byte> body, int at, byte[] block)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(body[at..], (ushort)block.Length);
        block.CopyTo(body[(at + 2)..]);
        return at + 2 + block.Length;
    }

    private static string ReadBlock16(ReadOnlySpan<byte> body, ref int at)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(body[at..]);
        var text = Encoding.UTF8.GetString(body.Slice(at + 2, length));
        at += 2 + length;
        return text;
    }
}
