using Lustrac.Energy.Gateway.Modbus;

namespace Lustrac.Energy.Gateway.SunSpec;

/// <summary>One model found in a device's SunSpec chain: its id, where its id register is, and its length.</summary>
public readonly record struct SunSpecModel(ushort Id, ushort Address, ushort Length);

/// <summary>
/// Finds the SunSpec map of a device: the 'SunS' marker at base 40000, else 0, else 50000, then the chain of
/// models walked by each model's declared length (model 1 is 65 long on many devices and 66 in the current
/// spec, so no offset is ever assumed). The chain ends with id 0xFFFF.
/// </summary>
public static class SunSpecDiscovery
{
    public static readonly ushort[] BaseAddresses = [40000, 0, 50000];
    private const uint Marker = 0x53756E53; // "SunS"
    private const ushort EndOfChain = 0xFFFF;
    private const int MaxModels = 64;

    public static async ValueTask<IReadOnlyList<SunSpecModel>> DiscoverAsync(IModbusClient modbus, byte unit, CancellationToken ct)
    {
        foreach (var b in BaseAddresses)
        {
            ushort[] marker;
            try
            {
                marker = await modbus.ReadRegistersAsync(unit, ModbusFunction.ReadHoldingRegisters, b, 2, ct).ConfigureAwait(false);
            }
            catch (ModbusException ex) when (ex.Code == 0x02)
            {
                continue; // nothing mapped at this base: try the next
            }
            catch (Exception ex) when (ModbusReadException.IsReadFailure(ex) && !ct.IsCancellationRequested)
            {
                throw ModbusReadException.For(modbus, unit, ModbusFunction.ReadHoldingRegisters, b, 2, ex);
            }
            if (RegisterWords.UInt32HighFirst(marker, 0) == Marker) return await WalkAsync(modbus, unit, (ushort)(b + 2), ct).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"{modbus.Endpoint}, unit {unit}: no SunSpec marker 'SunS' at holding register 40000, 0 or 50000; is this a SunSpec device, and is SunSpec (Modbus) enabled in its settings?");
    }

    private static async ValueTask<IReadOnlyList<SunSpecModel>> WalkAsync(IModbusClient modbus, byte unit, ushort address, CancellationToken ct)
    {
        var models = new List<SunSpecModel>();
        while (models.Count < MaxModels)
        {
            var header = await modbus.ReadOrExplainAsync(unit, ModbusFunction.ReadHoldingRegisters, address, 2, ct).ConfigureAwait(false);
            if (header[0] == EndOfChain) return models;
            models.Add(new SunSpecModel(header[0], address, header[1]));
            var next = address + 2 + header[1];
            if (next > ushort.MaxValue) break;
            address = (ushort)next;
        }
        throw new InvalidOperationException($"{modbus.Endpoint}, unit {unit}: SunSpec chain has no end marker within {MaxModels} models");
    }
}
