using System.Device.Gpio;
using System.Device.I2c;
using Lustrac.Energy.Gateway.Serial;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lustrac.Energy.Gateway.Devices;

/// <summary>
/// How drivers reach the Pi's hardware and disk. The defaults are the real thing; tests replace each seam
/// (a GpioDriver raising edges, an I2cDevice emulating registers, a pty pair, a temporary folder).
/// </summary>
public sealed record DriverHardware
{
    /// <summary>Opened once, on first use, and shared by every pulse input of the gateway.</summary>
    public Func<GpioController> Gpio { get; init; } = () => new GpioController();

    /// <summary>(I2C bus number, 7-bit address) → device.</summary>
    public Func<int, int, I2cDevice> I2c { get; init; } = (bus, address) => I2cDevice.Create(new I2cConnectionSettings(bus, address));

    public Func<SerialLineSettings, ISerialLine> Serial { get; init; } = settings => new SerialPortLine(settings);

    /// <summary>Where the Linux w1 driver lists 1-Wire slaves.</summary>
    public string W1Root { get; init; } = "/sys/bus/w1/devices";

    /// <summary>Where pulse counts are persisted (one small file per device); on a Pi, /var/lib/lustrac/state.</summary>
    public string StateFolder { get; init; } = "state";

    /// <summary>Further attempts after a Modbus RTU timeout or bad CRC.</summary>
    public int ModbusRetries { get; init; } = 2;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public ILoggerFactory Logs { get; init; } = NullLoggerFactory.Instance;
}
