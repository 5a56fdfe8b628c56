using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;

namespace Lustrac.Energy.Gateway.SunSpec;

/// <summary>
/// A SunSpec inverter (models 101–103 integer+SF, 111–113 float) or meter (201–204). The map is discovered
/// once and kept; a failed read forgets it so a replaced device is discovered again.
/// Inverter power and lifetime energy are published as production (active_power forward = production,
/// energy_produced); a meter publishes import and export counters.
/// </summary>
public sealed class SunSpecDevice(string deviceId, IModbusClient modbus, byte unit) : IDeviceDriver
{
    private SunSpecModel? _model;

    public string DeviceId => deviceId;

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        try
        {
            _model ??= await FindMeasurementModelAsync(ct).ConfigureAwait(false);
            var m = _model.Value;
            var block = await modbus.ReadRegistersAsync(unit, ModbusFunction.ReadHoldingRegisters, m.Address, (ushort)(m.Length + 2), ct).ConfigureAwait(false);
            return SunSpecDecoder.Decode(m.Id, block);
        }
        catch
        {
            _model = null;
            throw;
        }
    }

    private async ValueTask<SunSpecModel> FindMeasurementModelAsync(CancellationToken ct)
    {
        var models = await SunSpecDiscovery.DiscoverAsync(modbus, unit, ct).ConfigureAwait(false);
        foreach (var m in models)
        {
            if (SunSpecDecoder.IsSupported(m.Id)) return m;
        }
        throw new InvalidOperationException($"device {deviceId}: no supported SunSpec model (101–103, 111–113, 201–204) among {string.Join(", ", models.Select(x => x.Id))}");
    }
}

/// <summary>Point offsets counted from the model's id register, per the SunSpec model definitions.</summary>
public static class SunSpecDecoder
{
    public static bool IsSupported(ushort modelId) => modelId is >= 101 and <= 103 or >= 111 and <= 113 or >= 201 and <= 204;

    public static IReadOnlyList<Reading> Decode(ushort modelId, ReadOnlySpan<ushort> block)
    {
        var readings = new List<Reading>(3);
        switch (modelId)
        {
            case >= 101 and <= 103:
                Add(readings, QuantityVocabulary.ActivePower, SunSpecPoints.Int16(block, 14, SunSpecPoints.ScaleFactor(block, 15)));
                Add(readings, QuantityVocabulary.Frequency, SunSpecPoints.UInt16(block, 16, SunSpecPoints.ScaleFactor(block, 17)));
                Add(readings, QuantityVocabulary.EnergyProduced, WhToKwh(SunSpecPoints.Acc32(block, 24, SunSpecPoints.ScaleFactor(block, 26))));
                break;
            case >= 111 and <= 113:
                Add(readings, QuantityVocabulary.ActivePower, SunSpecPoints.Float32(block, 22));
                Add(readings, QuantityVocabulary.Frequency, SunSpecPoints.Float32(block, 24));
                Add(readings, QuantityVocabulary.EnergyProduced, WhToKwh(SunSpecPoints.Float32(block, 32)));
                break;
            case >= 201 and <= 204:
                var whScale = SunSpecPoints.ScaleFactor(block, 54);
                Add(readings, QuantityVocabulary.ActivePower, SunSpecPoints.Int16(block, 18, SunSpecPoints.ScaleFactor(block, 22)));
                Add(readings, QuantityVocabulary.Frequency, SunSpecPoints.Int16(block, 16, SunSpecPoints.ScaleFactor(block, 17)));
                Add(readings, QuantityVocabulary.EnergyExport, WhToKwh(SunSpecPoints.Acc32(block, 38, whScale)));
                Add(readings, QuantityVocabulary.EnergyImport, WhToKwh(SunSpecPoints.Acc32(block, 46, whScale)));
                break;
            default:
                throw new ArgumentException($"SunSpec model {modelId} is not supported");
        }
        return readings;
    }

    private static double? WhToKwh(double? wh) => wh / 1000.0;

    private static void Add(List<Reading> readings, Quantity q, double? value)
    {
        if (value is not { } v || !double.IsFinite(v)) return; // not implemented by this device
        var quality = v < q.Min || v > q.Max ? ReadingQuality.Bad : ReadingQuality.Good;
        readings.Add(new Reading(q.Name, v, q.Unit, quality));
    }
}
