using System.Device.Gpio;
using Lustrac.Energy.Gateway.Ds18b20;
using Lustrac.Energy.Gateway.Eastron;
using Lustrac.Energy.Gateway.LinkyTic;
using Lustrac.Energy.Gateway.S0Pulse;
using Lustrac.Energy.Gateway.Scale;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Gateway.ModbusRtu;
using Lustrac.Energy.Gateway.Serial;
using Lustrac.Energy.Gateway.SunSpec;
using Lustrac.Energy.Gateway.TankLevel;
using Lustrac.Energy.Protocol.Site;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Devices;

/// <summary>
/// Builds a driver for each device of this gateway from the site file. Devices on the same bus share one
/// transport, so one request is in flight per bus, as RS-485 and most Modbus gateways require.
/// </summary>
public sealed class DriverFactory : IAsyncDisposable
{
    private readonly Dictionary<string, IModbusClient> _buses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SerialLineSettings> _rtuLines = new(StringComparer.Ordinal);
    private readonly TimeSpan _timeout;
    private readonly DriverHardware _hardware;
    private readonly SiteModel? _site;
    private readonly List<IDisposable> _owned = [];
    private GpioController? _gpio;

    public DriverFactory(TimeSpan modbusTimeout) : this(modbusTimeout, null, new DriverHardware()) { }

    /// <param name="site">The site model, where drivers look up the asset they measure (tank geometry).</param>
    /// <param name="hardware">How drivers reach the hardware; tests replace the seams with fakes.</param>
    public DriverFactory(TimeSpan modbusTimeout, SiteModel? site, DriverHardware hardware)
    {
        _timeout = modbusTimeout;
        _site = site;
        _hardware = hardware;
    }

    /// <summary>The bus a device is on: devices sharing a key are polled one after the other.</summary>
    public static string BusKey(Device device) => device.Bus.StartsWith("modbus-rtu:", StringComparison.Ordinal)
        ? "modbus-rtu://" + SerialLineSettings.FromUri(device.Bus).PortName // one RS-485 line, whatever its query says
        : device.Bus;

    public IDeviceDriver Create(Device device) => device.Kind switch
    {
        DeviceKinds.Sdm630 or DeviceKinds.Sdm120 => new EastronMeter(device.Id, Bus(device), (byte)device.Address, EastronRegisterMap.ForKind(device.Kind),
            RoleQuantities.For(device), _hardware.Logs.CreateLogger<EastronMeter>()),
        DeviceKinds.SunSpecInverter or DeviceKinds.SunSpecMeter => new SunSpecDevice(device.Id, Bus(device), (byte)device.Address, RoleQuantities.For(device)),
        DeviceKinds.S0Pulse or DeviceKinds.WaterPulse or DeviceKinds.RainGauge => Owned(PulseMeterSetup.Create(device, Gpio(), _hardware)),
        DeviceKinds.Ds18b20 => new Ds18b20Probe(device.Id, _hardware.W1Root, Ds18b20Probe.ProbeIdOf(device)),
        DeviceKinds.TankLevel4To20mA => TankLevelSetup.CreateHydrostatic(device, _site, _hardware),
        DeviceKinds.TankLevelUltrasonic => Owned(TankLevelSetup.CreateUltrasonic(device, _site, _hardware)),
        DeviceKinds.Scale when device.Bus.StartsWith("gpio://", StringComparison.Ordinal) => Owned(PulseMeterSetup.Create(device, Gpio(), _hardware)),
        DeviceKinds.LinkyTic => Owned(LinkyTicSetup.Create(device, _hardware)),
        DeviceKinds.Scale => new ModbusScale(device.Id, Bus(device), (byte)device.Address, ModbusScaleMap.From(device)),
        _ => throw new NotSupportedException($"device '{device.Id}': kind '{device.Kind}' has no gateway driver yet"),
    };

    /// <summary>Drivers holding hardware or state (GPIO callbacks, pulse counts) are disposed with the factory.</summary>
    private T Owned<T>(T driver) where T : IDisposable
    {
        _owned.Add(driver);
        return driver;
    }

    private GpioController Gpio() => _gpio ??= _hardware.Gpio();

    private IModbusClient Bus(Device device)
    {
        var key = BusKey(device);
        if (_buses.TryGetValue(key, out var existing))
        {
            if (existing is ModbusRtuClient && _rtuLines[key] != SerialLineSettings.FromUri(device.Bus))
                throw new NotSupportedException($"device '{device.Id}': bus '{device.Bus}' sets the line differently from another device on the same port; one RS-485 line has one baud rate and parity");
            return existing;
        }
        var uri = new Uri(device.Bus);
        IModbusClient client = uri.Scheme switch
        {
            "modbus-tcp" => new ModbusTcpClient(uri.Host, uri.Port > 0 ? uri.Port : 502, _timeout),
            "modbus-rtu" => RtuBus(key, SerialLineSettings.FromUri(device.Bus)),
            _ => throw new NotSupportedException($"device '{device.Id}': bus '{device.Bus}' is not supported by this gateway build"),
        };
        _buses[key] = client;
        return client;
    }

    private ModbusRtuClient RtuBus(string key, SerialLineSettings line)
    {
        _rtuLines[key] = line;
        return new ModbusRtuClient(_hardware.Serial(line), line, new ModbusRtuOptions { ResponseTimeout = _timeout, Retries = _hardware.ModbusRetries });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var driver in _owned) driver.Dispose(); // saves pulse counts
        _owned.Clear();
        _gpio?.Dispose();
        _gpio = null;
        foreach (var bus in _buses.Values)
        {
            if (bus is IAsyncDisposable d) await d.DisposeAsync().ConfigureAwait(false);
            else if (bus is IDisposable s) s.Dispose();
        }
    }
}
