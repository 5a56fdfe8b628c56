using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.SunSpec;

/// <summary>
/// A SunSpec inverter (models 101–103 integer+SF, 111–113 float) or meter (201–204). The map is discovered
/// once and kept; a failed read forgets it so a replaced device is discovered again.
/// Inverter power and lifetime energy are published as production (active_power forward = production,
/// energy_produced) with its operating state; a meter publishes import and export counters, turned into the
/// counters of its role by <see cref="RoleQuantities"/> (a PV meter's export register is its production).
/// </summary>
public sealed class SunSpecDevice(string deviceId, IModbusClient modbus, byte unit, RoleQuantities? role = null) : IDeviceDriver, IReportsCondition
{
    private readonly RoleQuantities _role = role ?? RoleQuantities.GridMeter;
    private SunSpecModel? _model;

    public string DeviceId => deviceId;

    public string? Condition { get; private set; }

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        try
        {
            _model ??= await FindMeasurementModelAsync(ct).ConfigureAwait(false);
            var m = _model.Value;
            var block = await modbus.ReadOrExplainAsync(unit, ModbusFunction.ReadHoldingRegisters, m.Address, (ushort)(m.Length + 2), ct).ConfigureAwait(false);
            var readings = SunSpecDecoder.Decode(m.Id, block).Select(_role.Apply).OfType<Reading>().ToList();
            Condition = SunSpecDecoder.Condition(readings);
            return readings;
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
        throw new InvalidOperationException($"device {deviceId} ({modbus.Endpoint}, unit {unit}): no supported SunSpec model (101–103, 111–113, 201–204) among {string.Join(", ", models.Select(x => x.Id))}");
    }
}
