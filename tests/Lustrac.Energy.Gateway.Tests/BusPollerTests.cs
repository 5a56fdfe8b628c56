using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Publishing;
using Lustrac.Energy.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.Gateway.Tests;

public class BusPollerTests
{
    private sealed class FixedDriver(string id) : IDeviceDriver
    {
        public string DeviceId => id;
        public ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct) =>
            ValueTask.FromResult<IReadOnlyList<Reading>>([new Reading("energy_import", 1, "kWh", ReadingQuality.Good)]);
    }

    private sealed class Recorder : IReadingPublisher
    {
        public List<DateTimeOffset> Times { get; } = [];
        public void PublishReadings(DeviceAddress device, DateTimeOffset time, IReadOnlyList<Reading> readings) => Times.Add(time);
        public List<DeviceStatus> Statuses { get; } = [];
        public void PublishStatus(DeviceAddress device, DeviceStatus status) => Statuses.Add(status);
    }

    private sealed class InverterDriver : IDeviceDriver, IReportsCondition
    {
        public string DeviceId => "inv";
        public string? Condition { get; set; }
        public ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct) =>
            ValueTask.FromResult<IReadOnlyList<Reading>>([new Reading("inverter_state", Condition is null ? 4 : 7, "state", ReadingQuality.Good)]);
    }

    [Fact]
    public async Task A_device_condition_goes_into_its_status_while_it_stays_up()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));
        var recorder = new Recorder();
        var driver = new InverterDriver();
        var poller = new BusPoller("s", "g", [driver], TimeSpan.FromSeconds(1), recorder, clock, NullLogger.Instance);

        await poller.PollOnceAsync(driver, CancellationToken.None);
        driver.Condition = "inverter reports a fault";
        await poller.PollOnceAsync(driver, CancellationToken.None);
        await poller.PollOnceAsync(driver, CancellationToken.None); // unchanged: no new status
        driver.Condition = null;
        await poller.PollOnceAsync(driver, CancellationToken.None);

        Assert.Equal(["up", "up", "up"], recorder.Statuses.Select(s => s.State));
        Assert.Equal([null, "inverter reports a fault", null], recorder.Statuses.Select(s => s.Error));
        Assert.Equal(4, recorder.Times.Count);
    }

    [Fact]
    public async Task Two_samples_of_one_device_never_share_a_millisecond()
    {
        // The store identifies a reading by (device, quantity, time in ms): a shared millisecond would overwrite.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4567));
        var recorder = new Recorder();
        var poller = new BusPoller("s", "g", [new FixedDriver("m")], TimeSpan.FromSeconds(1), recorder, clock, NullLogger.Instance);

        await poller.PollOnceAsync(new FixedDriver("m"), CancellationToken.None);
        await poller.PollOnceAsync(new FixedDriver("m"), CancellationToken.None);
        clock.Advance(TimeSpan.FromTicks(300));
        await poller.PollOnceAsync(new FixedDriver("m"), CancellationToken.None);

        Assert.Equal(3, recorder.Times.Distinct().Count());
        Assert.All(recorder.Times, t => Assert.Equal(0, t.UtcTicks % TimeSpan.TicksPerMillisecond));
        Assert.Equal(recorder.Times.Order(), recorder.Times);
    }
}
