using System.Device.Gpio;
using System.Globalization;
using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Protocol.Site;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.S0Pulse;

/// <summary>Builds a pulse driver from a site-file device on a <c>gpio://&lt;BCM pin&gt;</c> bus.</summary>
public static class PulseMeterSetup
{
    public static PulseMeterDriver Create(Device device, GpioController gpio, DriverHardware hardware)
    {
        var s = new DeviceSettings(device);
        var options = new PulseMeterOptions
        {
            Debounce = TimeSpan.FromMilliseconds(s.Number("debounce_ms", 5, min: 0, max: 1000)),
            InitialIndex = (decimal)s.Number("initial_index", 0, min: 0),
            PersistPeriod = TimeSpan.FromSeconds(s.Number("persist_seconds", 60, min: 1, max: 3600)),
        };
        return new PulseMeterDriver(device.Id, gpio, PinOf(device), PulseUnits.For(device), options,
            new PulseStateFile(hardware.StateFolder, device.Id), hardware.Clock, hardware.Logs.CreateLogger<PulseMeterDriver>());
    }

    /// <summary><c>gpio://17</c> → 17 (BCM numbering, as printed on Pi pinout charts as GPIO17).</summary>
    public static int PinOf(Device device)
    {
        const string prefix = "gpio://";
        if (device.Bus.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(device.Bus.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pin) && pin is >= 0 and <= 53)
            return pin;
        throw new FormatException($"device '{device.Id}' ({device.Kind}) reads a GPIO input: write its bus as gpio://<BCM pin>, e.g. gpio://17, not '{device.Bus}'.");
    }
}
