using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Protocol.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lustrac.Energy.Gateway.Eastron;

/// <summary>
/// Reads an Eastron SDM120/SDM630 over any Modbus transport, block by block. A block the meter refuses or garbles is
/// reported (logged, counted, and named in <see cref="Condition"/>) while the blocks read fine are still published;
/// only a meter that gives nothing at all is an error. After a timeout the read stops: a silent meter would cost one
/// timeout per block and overrun the poll period.
/// </summary>
public sealed class EastronMeter(
    string deviceId, IModbusClient modbus, byte unit, IReadOnlyList<EastronParameter> map,
    RoleQuantities? role = null, ILogger? log = null) : IDeviceDriver, IReportsCondition
{
    private readonly IReadOnlyList<RegisterSpan> _plan = RegisterSpan.Plan(map, EastronRegisterMap.MaxRegistersPerRequest);
    private readonly RoleQuantities _role = role ?? RoleQuantities.GridMeter;
    private readonly ILogger _log = log ?? NullLogger.Instance;

    public string DeviceId => deviceId;

    /// <summary>Reads that published some quantities but lost at least one block.</summary>
    public long PartialReads { get; private set; }

    public string? Condition { get; private set; }

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        var readings = new List<Reading>(map.Count);
        var failures = new List<ModbusReadException>();
        foreach (var span in _plan)
        {
            ushort[] words;
            try
            {
                words = await modbus.ReadOrExplainAsync(unit, ModbusFunction.ReadInputRegisters, span.Start, span.Count, ct).ConfigureAwait(false);
            }
            catch (ModbusReadException ex)
            {
                failures.Add(ex);
                if (ex.IsTimeout) break;
                continue;
            }
            foreach (var p in span.Parameters)
            {
                var value = RegisterWords.Float32Decimal(words, p.Address - span.Start) * p.Scale;
                if (Decode(p, value) is { } decoded && _role.Apply(decoded) is { } reading) readings.Add(reading);
            }
        }
        if (failures.Count > 0 && readings.Count == 0)
            throw new ModbusReadException($"device {deviceId}: " + string.Join("; ", failures.Select(f => f.Message)), failures[0].InnerException);
        Condition = failures.Count == 0 ? null : $"{failures.Count} of {_plan.Count} register blocks unreadable: " + string.Join("; ", failures.Select(f => f.Message));
        if (failures.Count > 0)
        {
            PartialReads++;
            _log.LogWarning("Device {Device}: published {Count} readings without the blocks that failed: {Error}", deviceId, readings.Count, Condition);
        }
        return readings;
    }

    /// <summary>A NaN cannot travel; an implausible value travels flagged bad so the record shows the fault.</summary>
    internal static Reading? Decode(EastronParameter p, double value) => RoleQuantities.Checked(p.Quantity, value);
}
