using System.Buffers.Binary;
using System.Text;

namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>One message waiting for the broker's acknowledgement. <see cref="Id"/> orders all records of the gateway.</summary>
public sealed record OutboxRecord(ulong Id, string Device, ulong Seq, string Topic, byte[] Payload);

/// <summary>
/// On-disk framing of a record (README, Delivery guarantees: outbox formats). Little-endian.
/// <list type="bullet">
/// <item>v2 (written): magic "LV", version byte (2), body length (u32), CRC-32 (u32) of version byte + length + body, body.</item>
/// <item>v1 (read only): magic "LX", body length (u32), CRC-32 (u32) of the body, body.</item>
/// </list>
/// Body (both): id (u64), seq (u64), device, topic (u16 length + UTF-8 each), payload (u32 length + bytes).
/// A record whose magic, length or CRC does not check out marks the start of a torn tail; a "LV" record of a
/// version newer than <see cref="Version"/> is refused (<see cref="IsNewerVersion"/>), never cut off as torn.
/// </summary>
public static class OutboxRecordFormat
{
    public const ushort MagicV1 = 0x584C; // "LX"
    public const ushort MagicVersioned = 0x564C; // "LV", followed by a version byte
    public const byte Version = 2;
    public const int HeaderBytesV1 = 10;
    public const int HeaderBytes = 11;
    public const int MaxBodyBytes = 1 << 20;
    private const int MinBodyBytes = 24;

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
        BinaryPrimitives.WriteUInt16LittleEndian(frame, MagicVersioned);
        frame[2] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(3), bodyLength);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(7), CrcV2(frame));
        return frame;
    }

    /// <summary>Decodes the v2 or v1 record at the start of <paramref name="data"/>; false at a torn or corrupt record.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, out OutboxRecord record, out int consumed)
    {
        record = null!;
        consumed = 0;
        if (data.Length < HeaderBytesV1) return false;
        var magic = BinaryPrimitives.ReadUInt16LittleEndian(data);
        if (magic == MagicV1) return TryDecodeV1(data, out record, out consumed);
        if (magic != MagicVersioned || data.Length < HeaderBytes || data[2] != Version) return false;
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(data[3..]);
        if (bodyLength is < MinBodyBytes or > MaxBodyBytes || data.Length < HeaderBytes + bodyLength) return false;
        var frame = data[..(HeaderBytes + bodyLength)];
        if (CrcV2(frame) != BinaryPrimitives.ReadUInt32LittleEndian(data[7..])) return false;
        if (!TryDecodeBody(frame[HeaderBytes..], out record)) return false;
        consumed = frame.Length;
        return true;
    }

    /// <summary>True if <paramref name="data"/> starts with a versioned record of a version this gateway does not know.</summary>
    public static bool IsNewerVersion(ReadOnlySpan<byte> data, out byte version)
    {
        version = data.Length >= 3 ? data[2] : (byte)0;
        return data.Length >= 3 && BinaryPrimitives.ReadUInt16LittleEndian(data) == MagicVersioned && version > Version;
    }

    private static bool TryDecodeV1(ReadOnlySpan<byte> data, out OutboxRecord record, out int consumed)
    {
        record = null!;
        consumed = 0;
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(data[2..]);
        if (bodyLength is < MinBodyBytes or > MaxBodyBytes || data.Length < HeaderBytesV1 + bodyLength) return false;
        var body = data.Slice(HeaderBytesV1, bodyLength);
        if (Crc32.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(data[6..])) return false;
        if (!TryDecodeBody(body, out record)) return false;
        consumed = HeaderBytesV1 + bodyLength;
        return true;
    }

    /// <summary>The v2 CRC: everything but the magic and the CRC field itself (version, length, body).</summary>
    private static uint CrcV2(ReadOnlySpan<byte> frame)
    {
        Span<byte> versionAndLength = stackalloc byte[5];
        frame[2..7].CopyTo(versionAndLength);
        return Crc32.Compute(versionAndLength, frame[HeaderBytes..]);
    }

    private static bool TryDecodeBody(ReadOnlySpan<byte> body, out OutboxRecord record)
    {
        record = null!;
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
