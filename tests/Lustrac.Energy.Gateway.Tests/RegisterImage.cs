using Lustrac.Energy.Gateway.Modbus;

namespace Lustrac.Energy.Gateway.Tests;

/// <summary>
/// A device's registers as raw words, behind the Modbus seam: what a driver would get on the wire.
/// Unmapped registers answer exception 02, as real devices do. Records each request for grouping checks.
/// </summary>
public sealed class RegisterImage : IModbusClient
{
    private readonly Dictionary<(ModbusFunction, ushort), ushort> _words = new();
    public List<(ModbusFunction Function, ushort Start, ushort Count)> Requests { get; } = [];

    public RegisterImage Set(ModbusFunction function, ushort address, params ushort[] words)
    {
        for (var i = 0; i < words.Length; i++) _words[(function, (ushort)(address + i))] = words[i];
        return this;
    }

    public RegisterImage SetFloat(ModbusFunction function, ushort address, float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        return Set(function, address, (ushort)(bits >> 16), (ushort)bits);
    }

    public ValueTask<ushort[]> ReadRegistersAsync(byte unit, ModbusFunction function, ushort start, ushort count, CancellationToken ct)
    {
        Requests.Add((function, start, count));
        var result = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            if (!_words.TryGetValue((function, (ushort)(start + i)), out result[i])) throw new ModbusException(unit, (byte)function, 0x02);
        }
        return ValueTask.FromResult(result);
    }
}
