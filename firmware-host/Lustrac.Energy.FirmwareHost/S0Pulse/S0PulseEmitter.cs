using System.Device.Gpio;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Physics;

namespace Lustrac.Energy.FirmwareHost.S0Pulse;

/// <summary>
/// An S0 pulse output (IEC 62053-31) on one GPIO line: every <c>1 / pulsesPerUnit</c> of a cumulative quantity
/// (kWh, litres) the contact closes — the line goes low — for <see cref="OnTime"/>, then opens for at least
/// <see cref="OffTime"/> (both ≥ 30 ms). Optional contact bounce adds a few extra transitions within 5 ms of each
/// real one. Pulse widths are wall time: a fast simulation can ask for more pulses than 60 ms each allows; the
/// emitter then falls behind and catches up later, so <see cref="Emitted"/> never loses a pulse.
/// </summary>
public sealed class S0PulseEmitter : IAsyncDisposable
{
    public static readonly TimeSpan OnTime = TimeSpan.FromMilliseconds(35);
    public static readonly TimeSpan OffTime = TimeSpan.FromMilliseconds(35);

    private readonly EmulatedGpioDriver _gpio;
    private readonly Func<DateTimeOffset, double> _cumulative;
    private readonly double _pulsesPerUnit;
    private readonly SimulationClock _clock;
    private readonly bool _bounce;
    private readonly long _startCount;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Random _bounceRandom;
    private Task? _loop;
    private long _emitted;
    private int _disposed;

    /// <param name="cumulative">The quantity the pulses count (kWh, litres), at an instant; must not decrease.</param>
    /// <param name="pulsesPerUnit">e.g. 1000 imp/kWh, or 0.1 for 10 L/pulse.</param>
    public S0PulseEmitter(EmulatedGpioDriver gpio, int pin, Func<DateTimeOffset, double> cumulative, double pulsesPerUnit,
        SimulationClock clock, bool bounce = false, ulong seed = 1)
    {
        _gpio = gpio;
        Pin = pin;
        _cumulative = cumulative;
        _pulsesPerUnit = pulsesPerUnit;
        _clock = clock;
        _bounce = bounce;
        _bounceRandom = new Random((int)(StableRandom.Mix(seed) & 0x7FFFFFFF));
        _startCount = PulsesDueAt(clock.Start);
    }

    public int Pin { get; }

    /// <summary>Bounce bursts that the operating system stretched past 4 ms (the thread was preempted between two flips
    /// on a loaded machine): each can look like one pulse more or less to a 5 ms debounce. Physics never does this;
    /// tests account for it instead of failing on scheduling.</summary>
    public long StretchedBounces => Interlocked.Read(ref _stretched);
    private long _stretched;

    /// <summary>Pulses sent since the start.</summary>
    public long Emitted => Interlocked.Read(ref _emitted);

    /// <summary>Pulses the quantity has earned since the start at the simulated now.</summary>
    public long Due => PulsesDueAt(_clock.Now) - _startCount;

    private long PulsesDueAt(DateTimeOffset t) => (long)Math.Floor(_cumulative(t) * _pulsesPerUnit);

    public void Start() => _loop = RunAsync(_stopping.Token);

    private async Task RunAsync(CancellationToken ct)
    {
        var wall = _clock.Wall;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (Due <= Emitted)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(5), wall, ct);
                    continue;
                }
                await TransitionAsync(PinValue.Low, ct);
                // Not cancellable: a pulse once started is finished, never cut below 30 ms by a stop.
                await Task.Delay(OnTime, wall, CancellationToken.None);
                await TransitionAsync(PinValue.High, CancellationToken.None);
                Interlocked.Increment(ref _emitted);
                await Task.Delay(OffTime, wall, ct);
            }
        }
        catch (OperationCanceledException) { }
        finally { _gpio.Drive(Pin, PinValue.High); }
    }

    /// <summary>
    /// One edge, preceded by contact bounce when enabled: 2–3 short flips ~0.1 ms apart, well within 5 ms. The gaps are
    /// spun, not awaited: a timer's granularity could stretch a "bounce" past 5 ms and make it a pulse.
    /// </summary>
    private Task TransitionAsync(PinValue to, CancellationToken ct)
    {
        if (_bounce)
        {
            var flips = 2 + _bounceRandom.Next(2);
            var burstStart = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var i = 0; i < flips && !ct.IsCancellationRequested; i++)
            {
                _gpio.Drive(Pin, i % 2 == 0 ? to : (to == PinValue.High ? PinValue.Low : PinValue.High));
                var until = System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency / 10_000;
                while (System.Diagnostics.Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
            }
            _gpio.Drive(Pin, to);
            if (System.Diagnostics.Stopwatch.GetElapsedTime(burstStart) > TimeSpan.FromMilliseconds(4)) Interlocked.Increment(ref _stretched);
            return Task.CompletedTask;
        }
        _gpio.Drive(Pin, to);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        if (_loop is not null) await _loop;
        _stopping.Dispose();
    }
}
