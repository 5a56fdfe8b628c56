using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Modbus;

namespace Lustrac.Energy.FirmwareHost.SunSpec;

/// <summary>
/// A SunSpec device on the wire: holding registers (function 03) from <see cref="BaseAddress"/>: the marker "SunS"
/// (0x5375 0x6E53), then each model (ID, L, L registers), then the end model (0xFFFF, 0). Any register outside that
/// span gives exception 02; function 04 gives exception 01, since SunSpec maps live in holding registers.
/// Discovery tests can place the map at 40000 (the usual base), 0 or 50000.
/// </summary>
public sealed class SunSpecDeviceEmulator : IModbusUnit
{
    public const ushort MarkerHigh = 0x5375, MarkerLow = 0x6E53, EndId = 0xFFFF;
    public static readonly ushort[] StandardBaseAddresses = [40000, 0, 50000];

    private readonly SimulationClock _clock;

    public SunSpecDeviceEmulator(IReadOnlyList<ISunSpecModel> models, SimulationClock clock, ushort baseAddress = 40000)
    {
        Models = models;
        _clock = clock;
        BaseAddress = baseAddress;
        RegisterCount = 2 + models.Sum(m => 2 + m.Length) + 2;
        if (baseAddress + RegisterCount > 0x10000) throw new ArgumentOutOfRangeException(nameof(baseAddress), "the SunSpec map must fit below register 65536");
    }

    public ushort BaseAddress { get; }
    public IReadOnlyList<ISunSpecModel> Models { get; }
    public int RegisterCount { get; }

    /// <summary>The whole register map at <paramref name="t"/>, starting at <see cref="BaseAddress"/>.</summary>
    public ushort[] Image(DateTimeOffset t)
    {
        var image = new ushort[RegisterCount];
        image[0] = MarkerHigh;
        image[1] = MarkerLow;
        var offset = 2;
        foreach (var model in Models)
        {
            model.Write(image.AsSpan(offset, 2 + model.Length), t);
            offset += 2 + model.Length;
        }
        image[offset] = EndId;
        image[offset + 1] = 0;
        return image;
    }

    public ModbusExceptionCode ReadRegisters(RegisterTable table, ushort start, ushort count, Span<byte> destination)
    {
        if (table != RegisterTable.Holding) return ModbusExceptionCode.IllegalFunction;
        if (start < BaseAddress || start + count > BaseAddress + RegisterCount) return ModbusExceptionCode.IllegalDataAddress;
        var image = Image(_clock.Now);
        for (var i = 0; i < count; i++) RegisterWords.WriteUInt16(destination[(i * 2)..], image[start - BaseAddress + i]);
        return ModbusExceptionCode.None;
    }
}
