namespace Lustrac.Energy.Gateway.Modbus;

/// <summary>A Modbus exception reply (function | 0x80) from the device, with its code.</summary>
public sealed class ModbusException(byte unit, byte function, byte code)
    : Exception($"unit {unit} answered function 0x{function:X2} with exception {code:X2} ({Describe(code)})")
{
    public byte Unit { get; } = unit;
    public byte Code { get; } = code;

    public static string Describe(byte code) => code switch
    {
        0x01 => "illegal function",
        0x02 => "illegal data address",
        0x03 => "illegal data value",
        0x04 => "server device failure",
        0x06 => "server device busy",
        0x0A => "gateway path unavailable",
        0x0B => "gateway target device failed to respond",
        _ => "unknown code",
    };
}

/// <summary>A reply that does not follow the protocol (wrong length, wrong transaction id, bad CRC).</summary>
public sealed class ModbusProtocolException(string message) : Exception(message);
