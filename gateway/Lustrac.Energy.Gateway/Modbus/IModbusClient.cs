namespace Lustrac.Energy.Gateway.Modbus;

/// <summary>Modbus read functions the gateway uses. Both answer with register words (16 bits each).</summary>
public enum ModbusFunction : byte
{
    ReadHoldingRegisters = 0x03,
    ReadInputRegisters = 0x04,
}

/// <summary>
/// The narrow seam every Modbus driver talks through: one register read against one unit.
/// TCP and RTU transports implement it; tests feed it raw words.
/// </summary>
public interface IModbusClient
{
    /// <summary>Reads <paramref name="count"/> (1–125) registers from <paramref name="start"/> (0-based PDU address).</summary>
    /// <exception cref="ModbusException">The device answered with an exception code.</exception>
    /// <exception cref="TimeoutException">The device did not answer in time.</exception>
    ValueTask<ushort[]> ReadRegistersAsync(byte unit, ModbusFunction function, ushort start, ushort count, CancellationToken ct);

    /// <summary>Where the requests go, for error messages: <c>modbus-tcp://host:port</c> or the serial line and its settings.</summary>
    string Endpoint => "Modbus";
}
