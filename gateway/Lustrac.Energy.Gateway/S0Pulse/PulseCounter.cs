using System.Device.Gpio;

namespace Lustrac.Energy.Gateway.S0Pulse;

/// <summary>
/// Counts falling edges on one GPIO input (S0 output, reed contact or tipping bucket pulling the line low
/// through an optocoupler or an external pull-up: the Pi's ~50 kΩ internal pull-ups are too weak for S0).
/// Debounced by timestamp: an edge closer than <c>debounce</c> to the last counted edge is contact bounce
/// (IEC 62053-31: bounce &lt; 5 ms, pulses ≥ 30 ms), so it is ignored.
/// </summary>
public sealed class PulseCounter : IDisposable
{
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly TimeSpan _debounce;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private long _count;
    private long _lastCountedAt;
    private bool _anyCounted;
    private long _ignoredBounces;

    public PulseCounter(GpioController gpio, int pin, TimeSpan debounce, TimeProvider clock, long startCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startCount);
        _gpio = gpio;
        _pin = pin;
        _debounce = debounce;
        _clock = clock;
        _count = startCount;
        if (!gpio.IsPinOpen(pin)) gpio.OpenPin(pin, PinMode.Input);
        gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Falling, OnEdge);
    }

    /// <summary>Pulses counted since the counter was installed (restored from the state file at start).</summary>
    public long Count { get { lock (_gate) return _count; } }

    public long IgnoredBounces { get { lock (_gate) return _ignoredBounces; } }

    private void OnEdge(object sender, PinValueChangedEventArgs e)
    {
        if (e.ChangeType != PinEventTypes.Falling) return;
        var now = _clock.GetTimestamp();
        lock (_gate)
        {
            if (_anyCounted && _clock.GetElapsedTime(_lastCountedAt, now) < _debounce)
            {
                _ignoredBounces++;
                return;
            }
            _anyCounted = true;
            _lastCountedAt = now;
            _count++;
        }
    }

    public void Dispose()
    {
        _gpio.UnregisterCallbackForPinValueChangedEvent(_pin, OnEdge);
        if (_gpio.IsPinOpen(_pin)) _gpio.ClosePin(_pin);
    }
}
