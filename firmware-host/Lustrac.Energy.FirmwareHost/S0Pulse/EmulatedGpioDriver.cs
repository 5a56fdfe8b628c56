using System.Device.Gpio;

namespace Lustrac.Energy.FirmwareHost.S0Pulse;

/// <summary>
/// A GPIO chip whose input lines are driven by emulated devices instead of wires, so a gateway's GPIO code runs
/// unchanged in-process: <c>new GpioController(site.Gpio)</c>. Lines idle high (the S0 output is an open collector
/// with an external pull-up, DOMAIN.md); an emulated device pulls a line low and releases it with
/// <see cref="Drive"/>, which raises the value-changed callbacks and wakes <c>WaitForEvent</c> like a real edge.
/// Writes from the host to a line set as output are kept and readable, so the driver also serves as a plain fake.
/// </summary>
public sealed class EmulatedGpioDriver : GpioDriver
{
    private sealed class Line
    {
        public PinValue Value = PinValue.High;
        public PinMode Mode = PinMode.Input;
        public bool Open;
        public readonly List<(PinEventTypes Types, PinChangeEventHandler Callback)> Callbacks = [];
    }

    private readonly Line[] _lines;
    private readonly object _gate = new(); // a monitor: WaitForEvent sleeps on it until an edge

    public EmulatedGpioDriver(int pinCount = 28) => _lines = Enumerable.Range(0, pinCount).Select(_ => new Line()).ToArray();

    protected override int PinCount => _lines.Length;

    /// <summary>How many lines the emulated chip has (GPIO 0 … LineCount − 1).</summary>
    public int LineCount => _lines.Length;

    /// <summary>Sets the level of a line from the emulated device's side and raises an edge if it changed.</summary>
    public void Drive(int pinNumber, PinValue value)
    {
        List<PinChangeEventHandler> toCall;
        PinEventTypes edge;
        lock (_gate)
        {
            var line = _lines[pinNumber];
            if (line.Value == value) return;
            line.Value = value;
            edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            toCall = line.Callbacks.Where(c => (c.Types & edge) != 0).Select(c => c.Callback).ToList();
            Monitor.PulseAll(_gate);
        }
        var args = new PinValueChangedEventArgs(edge, pinNumber);
        foreach (var callback in toCall) callback(this, args);
    }

    /// <summary>The level a line has now (for tests and for the emulated device itself).</summary>
    public PinValue LevelOf(int pinNumber)
    {
        lock (_gate) return _lines[pinNumber].Value;
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate) _lines[pinNumber].Open = true;
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _lines[pinNumber].Open = false;
            _lines[pinNumber].Callbacks.Clear();
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate) _lines[pinNumber].Mode = mode;
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate) return _lines[pinNumber].Mode;
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown or PinMode.Output;

    protected override PinValue Read(int pinNumber) => LevelOf(pinNumber);

    protected override void Write(int pinNumber, PinValue value) => Drive(pinNumber, value);

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var start = _lines[pinNumber].Value;
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = _lines[pinNumber].Value;
                if (now != start)
                {
                    var edge = now == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
                    if ((eventTypes & edge) != 0) return new WaitForEventResult { EventTypes = edge, TimedOut = false };
                    start = now;
                }
                Monitor.Wait(_gate, 10);
            }
        }
        return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate) _lines[pinNumber].Callbacks.Add((eventTypes, callback));
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate) _lines[pinNumber].Callbacks.RemoveAll(c => c.Callback == callback);
    }
}
