using Lustrac.Energy.Gateway.Publishing;
using Lustrac.Energy.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Devices;

/// <summary>
/// Polls the devices of one bus in turn, on a schedule aligned to the clock (every poll period, on the
/// second). A device that fails is reported down on its status topic; the others keep their schedule.
/// </summary>
public sealed class BusPoller(
    string site, string gateway, IReadOnlyList<IDeviceDriver> drivers, TimeSpan period,
    IReadingPublisher publisher, TimeProvider clock, ILogger log)
{
    private readonly Dictionary<string, DeviceHealth> _health = drivers.ToDictionary(d => d.DeviceId, _ => new DeviceHealth());

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            foreach (var driver in drivers) await PollOnceAsync(driver, ct).ConfigureAwait(false);
            await DelayToNextTickAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task PollOnceAsync(IDeviceDriver driver, CancellationToken ct)
    {
        var address = new DeviceAddress(site, gateway, driver.DeviceId);
        var health = _health[driver.DeviceId];
        var time = clock.GetUtcNow();
        IReadOnlyList<Reading> readings;
        try
        {
            readings = await driver.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            health.FailedReads++;
            if (health.Up)
            {
                health.Up = false;
                health.Since = time;
                log.LogWarning("Device {Device} stopped answering: {Error}", driver.DeviceId, ex.Message);
                publisher.PublishStatus(address, new DeviceStatus("down", time, ex.Message, health.FailedReads));
            }
            return;
        }
        if (!health.Up || !health.Announced)
        {
            health.Up = true;
            health.Announced = true;
            health.Since = time;
            log.LogInformation("Device {Device} is answering", driver.DeviceId);
            publisher.PublishStatus(address, new DeviceStatus("up", time, null, health.FailedReads));
        }
        if (readings.Count > 0) publisher.PublishReadings(address, time, readings);
    }

    private Task DelayToNextTickAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var periodTicks = period.Ticks;
        var next = new DateTimeOffset((now.UtcTicks / periodTicks + 1) * periodTicks, TimeSpan.Zero);
        return Task.Delay(next - now, clock, ct);
    }

    private sealed class DeviceHealth
    {
        public bool Up = true;
        public bool Announced;
        public DateTimeOffset Since;
        public long FailedReads;
    }
}
