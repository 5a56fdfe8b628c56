using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Modbus;

namespace Lustrac.Energy.FirmwareHost.Sdm630;

/// <summary>
/// An Eastron SDM630 or SDM120 on the wire: input registers (function 04), each parameter an IEEE-754 float32,
/// big-endian, high word first. Choices where the datasheet leaves room, stated once here:
/// <list type="bullet">
/// <item>a request must start on a parameter and cover whole parameters only; any register the meter does not have
/// (a gap, half a float, past the map) gives exception 02 illegal data address;</item>
/// <item>more than 60 registers (30 parameters) gives exception 03 illegal data value — the Modbus code for a quantity
/// out of range — checked before addresses;</item>
/// <item>function 03 (holding registers: the meter's settings, not emulated) gives exception 02.</item>
/// </list>
/// </summary>
public sealed class EastronMeterEmulator(EastronRegisterMap map, IElectricityMeter meter, SimulationClock clock) : IModbusUnit
{
    public EastronRegisterMap Map { get; } = map;
    public IElectricityMeter Meter { get; } = meter;

    public ModbusExceptionCode ReadRegisters(RegisterTable table, ushort start, ushort count, Span<byte> destination)
    {
        if (table != RegisterTable.Input) return ModbusExceptionCode.IllegalDataAddress;
        if (count > EastronRegisterMap.MaxRegistersPerRequest) return ModbusExceptionCode.IllegalDataValue;

        var end = start + count;
        for (int address = start; address < end; address += 2)
        {
            if (Map.At((ushort)address) is null || address + 2 > end) return ModbusExceptionCode.IllegalDataAddress;
        }
        var values = Meter.ValuesAt(clock.Now);
        for (int address = start; address < end; address += 2)
        {
            var parameter = Map.At((ushort)address)!;
            RegisterWords.WriteFloat32(destination[((address - start) * 2)..], (float)parameter.Read(values));
        }
        return ModbusExceptionCode.None;
    }
}
