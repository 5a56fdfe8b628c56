namespace Lustrac.Energy.FirmwareHost.Clock;

/// <summary>
/// Simulated time for the whole site: starts at <see cref="Start"/> and advances <see cref="Speed"/> times as fast
/// as the wall clock (60 = an hour per minute; 0 = frozen, for tests). The wall clock is a <see cref="TimeProvider"/>
/// so tests can drive it with a fake one.
/// </summary>
public sealed class SimulationClock
{
    private readonly TimeProvider _wall;
    private readonly long _wallStartTicks;

    /// <summary>A simulated day per wall second. Faster, a run of weeks would carry the clock past year 9999 and stop it.</summary>
    public const double MaxSpeed = 86_400;

    public SimulationClock(TimeProvider wall, DateTimeOffset start, double speed)
    {
        if (!(speed is >= 0 and <= MaxSpeed))
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be 0 (frozen) to 86400 (a simulated day per second)");
        _wall = wall;
        _wallStartTicks = wall.GetUtcNow().UtcTicks;
        Start = start.ToUniversalTime();
        Speed = speed;
    }

    public DateTimeOffset Start { get; }

    /// <summary>The wall clock this simulation follows (for timers that pace emulated devices).</summary>
    public TimeProvider Wall => _wall;

    public double Speed { get; }

    /// <summary>The simulated instant now, in UTC.</summary>
    public DateTimeOffset Now
    {
        get
        {
            return SimulatedAt(_wall.GetUtcNow());
        }
    }

    /// <summary>The simulated instant at a wall-clock instant (readings stamped by a gateway's wall clock map back to the simulation).</summary>
    public DateTimeOffset SimulatedAt(DateTimeOffset wallInstant) =>
        Start.AddTicks((long)((wallInstant.UtcTicks - _wallStartTicks) * Speed));

    /// <summary>Wall time to wait so that <paramref name="simulated"/> of simulated time passes (infinite when frozen).</summary>
    public TimeSpan WallDelayFor(TimeSpan simulated) =>
        Speed == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks((long)(simulated.Ticks / Speed));
}
