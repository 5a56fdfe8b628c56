using Lustrac.Energy.Gateway.Publishing;
using Lustrac.Energy.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Devices;

/// <summary>
/// Polls the devices of one bus in turn, on a schedule aligned to the clock (every poll period, on the
/// second). A device that fails is reported down on its status topic, again at every failed poll so the status
/// carries the current count of failures in a row; the others keep their schedule.
/// </summary>
public sealed class BusPoller(
    string site, string gateway, IReadOnlyList<IDeviceDriver> drivers, TimeSpan period,
    IReadingPublisher publisher, TimeProvider clock, ILogger log)
{
    private readonly Dictionary<string, DeviceHealth> _health = drivers.ToDictionary(d => d.DeviceId, _ => new DeviceHealth());

    public async Task RunAsync(CancellationToken ct)
    {
        var start = clock.GetUtcNow();
        var tick = new DateTimeOffset(start.UtcTicks / period.Ticks * period.Ticks, TimeSpan.Zero); // this period's start
        while (!ct.IsCancellationRequested)
        {
            foreach (var driver in drivers) await PollOnceAsync(driver, ct).ConfigureAwait(false);
            // Advance from the scheduled tick, not from 'now': a timer that fires a little early must not
            // schedule a second poll inside the same period.
            tick = NextTickAfter(tick > clock.GetUtcNow() ? tick : clock.GetUtcNow());
            var wait = tick - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct).ConfigureAwait(false);
        }
    }

    private DateTimeOffset NextTickAfter(DateTimeOffset t) =>
        new((t.UtcTicks / period.Ticks + 1) * period.Ticks, TimeSpan.Zero);

    public async Task PollOnceAsync(IDeviceDriver driver, CancellationToken ct)
    {
        var address = new DeviceAddress(site, gateway, driver.DeviceId);
        var health = _health[driver.DeviceId];
        // A reading is identified by (device, quantity, time) at millisecond precision: two samples of one device
        // must never share a millisecond, or the second would overwrite the first in the store.
        var time = clock.GetUtcNow();
        var truncated = new DateTimeOffset(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        time = truncated <= health.LastSampleTime ? health.LastSampleTime.AddMilliseconds(1) : truncated;
        health.LastSampleTime = time;
        IReadOnlyList<Reading> readings;
        try
        {
            readings = await driver.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            health.ConsecutiveFailures++;
            if (health.Up)
            {
                health.Up = false;
                health.Since = time;
                log.LogWarning("Device {Device} stopped answering: {Error}", driver.DeviceId, ex.Message);
            }
            publisher.PublishStatus(address, new DeviceStatus(DeviceStatus.Down, health.Since, ex.Message, health.ConsecutiveFailures));
            return;
        }
        var condition = (driver as IReportsCondition)?.Condition;
        if (!health.Up || !health.Announced || condition != health.Condition)
        {
            if (!health.Up || !health.Announced) health.Since = time;
            health.Up = true;
            health.Announced = true;
            health.ConsecutiveFailures = 0;
            health.Condition = condition;
            if (condition is null) log.LogInformation("Device {Device} is answering", driver.DeviceId);
            else log.LogWarning("Device {Device} is answering but {Condition}", driver.DeviceId, condition);
            // Still "up" (it answers); the condition travels as the status error, so a fault never passes for night.
            publisher.PublishStatus(address, new DeviceStatus(DeviceStatus.Up, health.Since, condition, 0));
        }
        if (readings.Count > 0) publisher.PublishReadings(address, time, readings);
    }

    private sealed class DeviceHealth
    {
        public bool Up = true;
        public bool Announced;
        public DateTimeOffset Since;
        public long ConsecutiveFailures;
        public DateTimeOffset LastSampleTime = DateTimeOffset.MinValue;
        public string? Condition;
    }
}
