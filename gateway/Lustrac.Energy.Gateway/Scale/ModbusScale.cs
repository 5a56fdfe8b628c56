using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.Scale;

/// <summary>How the scale's cumulative weighed-in total sits in its registers.</summary>
public enum ScaleRegisterFormat { Float32, Int32, UInt32, Int16, UInt16 }

/// <param name="Register">0-based PDU address of the weighing indicator's <b>accumulated total</b> (not the live load).</param>
/// <param name="KgPerUnit">Multiplier from the register's unit to kg (0.001 for grams, 0.1 for a 1-decimal display).</param>
/// <param name="LowWordFirst">Some indicators put the low word of 32-bit values first.</param>
public sealed record ModbusScaleMap(ushort Register, ModbusFunction Function = ModbusFunction.ReadHoldingRegisters,
    ScaleRegisterFormat Format = ScaleRegisterFormat.Float32, double KgPerUnit = 1, bool LowWordFirst = false)
{
    public ushort RegisterCount => Format is ScaleRegisterFormat.Int16 or ScaleRegisterFormat.UInt16 ? (ushort)1 : (ushort)2;

    public double Decode(ReadOnlySpan<ushort> words)
    {
        var both = words.Length < 2 ? 0u : LowWordFirst ? (uint)words[1] << 16 | words[0] : (uint)words[0] << 16 | words[1];
        double raw = Format switch
        {
            ScaleRegisterFormat.Float32 => (double)BitConverter.UInt32BitsToSingle(both), // the arms must be double: a float arm would round the integers
            ScaleRegisterFormat.Int32 => (int)both,
            ScaleRegisterFormat.UInt32 => both,
            ScaleRegisterFormat.Int16 => (short)words[0],
            _ => words[0],
        };
        return raw * KgPerUnit;
    }

    public static ModbusScaleMap From(Device device)
    {
        var s = new DeviceSettings(device);
        return new ModbusScaleMap(
            Register: (ushort)s.RequireNumber("register", 0, 65535),
            Function: s.Choice("function", "holding", "holding", "input") == "input" ? ModbusFunction.ReadInputRegisters : ModbusFunction.ReadHoldingRegisters,
            Format: Enum.Parse<ScaleRegisterFormat>(s.Choice("format", "float32", "float32", "int32", "uint32", "int16", "uint16"), ignoreCase: true),
            KgPerUnit: s.Number("scale", 1, min: 1e-9, max: 1e6),
            LowWordFirst: s.Choice("word_order", "high_first", "high_first", "low_first") == "low_first");
    }
}

/// <summary>
/// Nature: a weigh-in counter — <c>mass</c> in kg, cumulative (compost brought to the site). Reads the
/// indicator's accumulated total over Modbus (RTU or TCP). A negative total is impossible (<c>bad</c>);
/// a NaN (float register not set) yields no reading; no answer throws (device down).
/// </summary>
public sealed class ModbusScale(string deviceId, IModbusClient modbus, byte unit, ModbusScaleMap map) : IDeviceDriver
{
    public string DeviceId => deviceId;

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        var words = await modbus.ReadRegistersAsync(unit, map.Function, map.Register, map.RegisterCount, ct).ConfigureAwait(false);
        var kg = map.Decode(words);
        if (!double.IsFinite(kg)) return [];
        var q = QuantityVocabulary.Mass;
        return [new Reading(q.Name, kg, q.Unit, kg < q.Min || kg > q.Max ? ReadingQuality.Bad : ReadingQuality.Good)];
    }
}
