using System.Collections.Concurrent;
using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Systemd;

namespace Lustrac.Energy.Gateway.Watchdog;

/// <summary>
/// What the gateway's heartbeat depends on: one progress loop per bus (every device read must end within the read
/// limit, and the next read must start within a poll period of the last), and which devices answered last time.
/// </summary>
public sealed class GatewayWatchdog(ProgressGate gate, WatchdogSettings settings, GatewaySettings gateway)
{
    private readonly ConcurrentDictionary<string, bool> _answering = new(StringComparer.Ordinal);

    public ProgressGate Gate => gate;

    public TimeSpan ReadLimit => settings.ReadLimitSeconds is double s
        ? TimeSpan.FromSeconds(s)
        : TimeSpan.FromMilliseconds(gateway.ModbusTimeoutMs * (gateway.ModbusRetries + 1)) + TimeSpan.FromSeconds(5);

    /// <summary>The drivers of one bus, wrapped so that each read reports progress on the bus's loop.</summary>
    public IReadOnlyList<IDeviceDriver> Watch(string bus, IReadOnlyList<IDeviceDriver> drivers, TimeSpan pollPeriod)
    {
        var loop = gate.Loop($"poll loop {bus}", pollPeriod + ReadLimit);
        foreach (var d in drivers) _answering.TryAdd(d.DeviceId, false);
        return [.. drivers.Select(d => new WatchedDriver(d, loop, this, pollPeriod))];
    }

    /// <summary>"9/10 devices up": the devices whose last read succeeded.</summary>
    public string DevicesUp() => $"{_answering.Values.Count(up => up)}/{_answering.Count} devices up";

    internal void Answered(string device, bool up) => _answering[device] = up;

    internal string? HangFile => settings.HangWhileFileExists;
}

/// <summary>A driver whose reads report progress: working while reading, waiting for the next tick after.</summary>
internal sealed class WatchedDriver(IDeviceDriver inner, ProgressLoop loop, GatewayWatchdog watchdog, TimeSpan pollPeriod) : IDeviceDriver
{
    public string DeviceId => inner.DeviceId;

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        var limit = watchdog.ReadLimit;
        loop.Working(limit, $"reading {inner.DeviceId}");
        try
        {
            if (watchdog.HangFile is string hang)
                while (File.Exists(hang)) await Task.Delay(100, ct).ConfigureAwait(false);
            var readings = await inner.ReadAsync(ct).ConfigureAwait(false);
            watchdog.Answered(inner.DeviceId, true);
            return readings;
        }
        catch
        {
            watchdog.Answered(inner.DeviceId, false);
            throw;
        }
        finally
        {
            loop.Waiting(pollPeriod + limit);
        }
    }
}
