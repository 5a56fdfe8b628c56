using System.Buffers.Binary;
using Lustrac.Energy.Gateway.Modbus;

namespace Lustrac.Energy.Gateway.ModbusRtu;

/// <summary>
/// Byte-level framing of Modbus RTU (address, PDU, CRC-16 low byte first), separate from the port so it is
/// tested against raw bytes. Only the read-registers functions the gateway uses are framed.
/// </summary>
public static class ModbusRtuFrame
{
    public const int ReadRequestLength = 8;
    public const int ExceptionReplyLength = 5;

    /// <summary>unit, function, start (BE), count (BE), CRC (LE): 8 bytes.</summary>
    public static void WriteReadRequest(Span<byte> frame, byte unit, byte function, ushort start, ushort count)
    {
        frame[0] = unit;
        frame[1] = function;
        BinaryPrimitives.WriteUInt16BigEndian(frame[2..], start);
        BinaryPrimitives.WriteUInt16BigEndian(frame[4..], count);
        Crc16Modbus.Append(frame, 6);
    }

    /// <summary>
    /// Length of the whole reply once its first three bytes (unit, function, byte count or exception code)
    /// are known: an exception is 5 bytes, a read reply 3 + byte count + 2.
    /// </summary>
    public static int ReplyLength(ReadOnlySpan<byte> head) =>
        (head[1] & 0x80) != 0 ? ExceptionReplyLength : 3 + head[2] + 2;

    /// <summary>Checks a complete reply (CRC, unit, function, length) and returns its register words.</summary>
    /// <exception cref="ModbusException">The device answered with an exception code.</exception>
    /// <exception cref="ModbusProtocolException">Bad CRC, another unit, another function or a wrong length.</exception>
    public static ushort[] ParseReadReply(ReadOnlySpan<byte> frame, byte unit, byte function, ushort count)
    {
        if (!Crc16Modbus.IsValid(frame))
            throw new ModbusCrcException($"reply from unit {unit} has a bad CRC ({Convert.ToHexString(frame)})");
        if (frame[0] != unit) throw new ModbusProtocolException($"reply from unit {frame[0]}, expected {unit}");
        if (frame[1] == (function | 0x80)) throw new ModbusException(unit, function, frame[2]);
        if (frame[1] != function) throw new ModbusProtocolException($"reply has function 0x{frame[1]:X2}, expected 0x{function:X2}");
        var byteCount = frame[2];
        if (byteCount != count * 2 || frame.Length != 3 + byteCount + 2)
            throw new ModbusProtocolException($"reply carries {byteCount} bytes, expected {count * 2}");
        var words = new ushort[count];
        for (var i = 0; i < count; i++) words[i] = BinaryPrimitives.ReadUInt16BigEndian(frame[(3 + 2 * i)..]);
        return words;
    }
}

/// <summary>A reply whose CRC does not match: line noise, a collision, or a wrong baud rate or parity.</summary>
public sealed class ModbusCrcException(string message) : IOException(message);
