using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Eastron;

/// <summary>Reads an Eastron SDM120/SDM630 over any Modbus transport.</summary>
public sealed class EastronMeter(string deviceId, IModbusClient modbus, byte unit, IReadOnlyList<EastronParameter> map) : IDeviceDriver
{
    private readonly IReadOnlyList<RegisterSpan> _plan = RegisterSpan.Plan(map, EastronRegisterMap.MaxRegistersPerRequest);

    public string DeviceId => deviceId;

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        var readings = new List<Reading>(map.Count);
        foreach (var span in _plan)
        {
            var words = await modbus.ReadRegistersAsync(unit, ModbusFunction.ReadInputRegisters, span.Start, span.Count, ct).ConfigureAwait(false);
            foreach (var p in span.Parameters)
            {
                var value = RegisterWords.Float32HighFirst(words, p.Address - span.Start) * p.Scale;
                if (Decode(p, value) is { } reading) readings.Add(reading);
            }
        }
        return readings;
    }

    /// <summary>A NaN cannot travel; an implausible value travels flagged bad so the record shows the fault.</summary>
    internal static Reading? Decode(EastronParameter p, double value)
    {
        if (!double.IsFinite(value)) return null;
        var q = p.Quantity;
        var quality = value < q.Min || value > q.Max ? ReadingQuality.Bad : ReadingQuality.Good;
        return new Reading(q.Name, value, q.Unit, quality);
    }
}
