namespace Lustrac.Energy.Gateway.Modbus;

/// <summary>
/// A register read that failed, said the way a person on site needs it: the bus (host and port, or serial line),
/// the unit, the register range and what went wrong (timeout, exception code, bad CRC).
/// </summary>
public sealed class ModbusReadException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when the device did not answer at all (as opposed to answering with an error).</summary>
    public bool IsTimeout => InnerException is TimeoutException;

    public static ModbusReadException For(IModbusClient modbus, byte unit, ModbusFunction function, ushort start, ushort count, Exception inner) =>
        new($"{modbus.Endpoint}, unit {unit}, {Range(function, start, count)}: {inner.Message}", inner);

    /// <summary>"input registers 0x0048–0x004F (72–79)": hex as in the datasheets, decimal as in most Modbus tools.</summary>
    public static string Range(ModbusFunction function, ushort start, ushort count)
    {
        var table = function == ModbusFunction.ReadInputRegisters ? "input" : "holding";
        var end = start + count - 1;
        return $"{table} registers 0x{start:X4}–0x{end:X4} ({start}–{end})";
    }

    /// <summary>Failures a driver reports and carries on after; anything else (a bug, a cancellation) is not caught.</summary>
    public static bool IsReadFailure(Exception ex) =>
        ex is ModbusException or ModbusProtocolException or TimeoutException or IOException or System.Net.Sockets.SocketException;
}

public static class ModbusReads
{
    /// <summary>Reads registers; a failure comes back as a <see cref="ModbusReadException"/> that says where and what.</summary>
    public static async ValueTask<ushort[]> ReadOrExplainAsync(this IModbusClient modbus, byte unit, ModbusFunction function, ushort start, ushort count, CancellationToken ct)
    {
        try
        {
            return await modbus.ReadRegistersAsync(unit, function, start, count, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ModbusReadException.IsReadFailure(ex) && !ct.IsCancellationRequested)
        {
            throw ModbusReadException.For(modbus, unit, function, start, count, ex);
        }
    }
}
