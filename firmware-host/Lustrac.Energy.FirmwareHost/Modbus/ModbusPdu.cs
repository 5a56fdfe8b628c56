using System.Buffers.Binary;

namespace Lustrac.Energy.FirmwareHost.Modbus;

/// <summary>
/// Turns a request PDU (function code + data) into a response PDU, independent of the framing (MBAP or RTU).
/// Only the read functions 03 and 04 are served: the emulated meters and inverters are read-only.
/// </summary>
public static class ModbusPdu
{
    /// <summary>Largest PDU the protocol allows (256-byte RTU frame minus address and CRC).</summary>
    public const int MaxLength = 253;

    /// <summary>Per the Modbus specification a single read returns at most 125 registers (250 data bytes).</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>Returned by <see cref="Process"/> when the request is not a well-formed frame: the transport drops it.</summary>
    public const int Malformed = -1;

    /// <summary>
    /// Builds the reply to <paramref name="request"/> in <paramref name="response"/> and returns its length,
    /// or <see cref="Malformed"/> when the request cannot be parsed.
    /// </summary>
    public static int Process(IModbusUnit unit, ReadOnlySpan<byte> request, Span<byte> response)
    {
        if (request.Length < 1) return Malformed;
        var function = request[0];
        if (function is not ((byte)RegisterTable.Holding or (byte)RegisterTable.Input))
            return Exception(function, ModbusExceptionCode.IllegalFunction, response);
        // A read request is exactly function + start + quantity; anything else is a broken frame, not a question.
        if (request.Length != 5) return Malformed;

        var start = BinaryPrimitives.ReadUInt16BigEndian(request[1..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(request[3..]);
        if (count is < 1 or > MaxReadRegisters)
            return Exception(function, ModbusExceptionCode.IllegalDataValue, response);
        if (start + count > 0x10000)
            return Exception(function, ModbusExceptionCode.IllegalDataAddress, response);

        var code = unit.ReadRegisters((RegisterTable)function, start, count, response.Slice(2, count * 2));
        if (code != ModbusExceptionCode.None) return Exception(function, code, response);
        response[0] = function;
        response[1] = (byte)(count * 2);
        return 2 + count * 2;
    }

    /// <summary>Writes an exception reply: the function code with its high bit set, then the exception code.</summary>
    public static int Exception(byte function, ModbusExceptionCode code, Span<byte> response)
    {
        response[0] = (byte)(function | 0x80);
        response[1] = (byte)code;
        return 2;
    }
}
