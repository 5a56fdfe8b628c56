using System.Device.Gpio;

namespace Lustrac.Energy.Gateway.Tests.Support;

/// <summary>
/// A GPIO driver whose pins change only when the test says so: <see cref="Fall"/> raises a falling edge on a
/// pin, through the same callback path GpioController uses with the real libgpiod driver.
/// </summary>
public sealed class EdgeRaisingGpioDriver : GpioDriver
{
    private readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Callback)>> _callbacks = [];
    private readonly Dictionary<int, PinMode> _modes = [];

    public IReadOnlyCollection<int> OpenPins => _modes.Keys;

    public int CallbackCount(int pin) { lock (_callbacks) return _callbacks.TryGetValue(pin, out var l) ? l.Count : 0; }

    public void Fall(int pin) => Raise(pin, PinEventTypes.Falling);

    public void Rise(int pin) => Raise(pin, PinEventTypes.Rising);

    private void Raise(int pin, PinEventTypes type)
    {
        List<(PinEventTypes Types, PinChangeEventHandler Callback)> targets;
        lock (_callbacks) targets = _callbacks.TryGetValue(pin, out var l) ? [.. l] : [];
        foreach (var (types, callback) in targets)
        {
            if ((types & type) != 0) callback(this, new PinValueChangedEventArgs(type, pin));
        }
    }

    protected override int PinCount => 28;
    protected override void OpenPin(int pinNumber) => _modes[pinNumber] = PinMode.Input;
    protected override void ClosePin(int pinNumber) => _modes.Remove(pinNumber);
    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;
    protected override PinMode GetPinMode(int pinNumber) => _modes[pinNumber];
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;
    protected override PinValue Read(int pinNumber) => PinValue.High; // pulled up: idle
    protected override void Write(int pinNumber, PinValue value) => throw new InvalidOperationException("pulse inputs are never written");

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the drivers under test use callbacks");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_callbacks)
        {
            if (!_callbacks.TryGetValue(pinNumber, out var list)) _callbacks[pinNumber] = list = [];
            list.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_callbacks)
        {
            if (_callbacks.TryGetValue(pinNumber, out var list)) list.RemoveAll(c => c.Callback == callback);
        }
    }
}
