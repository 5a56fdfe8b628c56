using Lustrac.Energy.FirmwareHost.Clock;

namespace Lustrac.Energy.Kiosk.Bench;

/// <summary>
/// The emulated site's simulated clock as a <see cref="TimeProvider"/> for the server and the gateways: "now" is the
/// simulation's, and every timer waits the wall time its simulated duration takes (a 15-minute interval closes after
/// 15 wall seconds at 60×). Elapsed-time stamps stay the wall's.
/// </summary>
public sealed class SimulatedTime(SimulationClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Wall(dueTime), Wall(period)), this);

    private TimeSpan Wall(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan || simulated <= TimeSpan.Zero ? simulated : clock.WallDelayFor(simulated);

    private sealed class ScaledTimer(ITimer inner, SimulatedTime time) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(time.Wall(dueTime), time.Wall(period));
        public void Dispose() => inner.Dispose();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
