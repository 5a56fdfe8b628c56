namespace Lustrac.Energy.FirmwareHost.Modbus;

/// <summary>
/// One Modbus server (slave) on a bus, seen by the transport that carries its frames. The seam between the wire
/// (TCP or RTU framing) and a device's register map. Implementations must be thread-safe: several client connections
/// may read the same unit at once.
/// </summary>
public interface IModbusUnit
{
    /// <summary>
    /// Writes <paramref name="count"/> registers from <paramref name="start"/> (0-based PDU address) into
    /// <paramref name="destination"/>, two bytes each, big-endian as on the wire. Returns
    /// <see cref="ModbusExceptionCode.None"/> on success, otherwise the exception to send back.
    /// </summary>
    ModbusExceptionCode ReadRegisters(RegisterTable table, ushort start, ushort count, Span<byte> destination);
}
