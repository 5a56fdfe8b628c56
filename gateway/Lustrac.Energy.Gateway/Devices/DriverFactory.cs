using Lustrac.Energy.Gateway.Eastron;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Gateway.SunSpec;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.Devices;

/// <summary>
/// Builds a driver for each device of this gateway from the site file. Devices on the same bus share one
/// transport, so one request is in flight per bus, as RS-485 and most Modbus gateways require.
/// </summary>
public sealed class DriverFactory : IAsyncDisposable
{
    private readonly Dictionary<string, IModbusClient> _buses = new(StringComparer.Ordinal);
    private readonly TimeSpan _timeout;

    public DriverFactory(TimeSpan modbusTimeout) => _timeout = modbusTimeout;

    /// <summary>The bus a device is on: devices sharing a key are polled one after the other.</summary>
    public static string BusKey(Device device) => device.Bus;

    public IDeviceDriver Create(Device device) => device.Kind switch
    {
        "sdm630" or "sdm120" => new EastronMeter(device.Id, Bus(device), (byte)device.Address, EastronRegisterMap.ForKind(device.Kind)),
        "sunspec_inverter" or "sunspec_meter" => new SunSpecDevice(device.Id, Bus(device), (byte)device.Address),
        _ => throw new NotSupportedException($"device '{device.Id}': kind '{device.Kind}' has no gateway driver yet"),
    };

    private IModbusClient Bus(Device device)
    {
        if (_buses.TryGetValue(device.Bus, out var existing)) return existing;
        var uri = new Uri(device.Bus);
        IModbusClient client = uri.Scheme switch
        {
            "modbus-tcp" => new ModbusTcpClient(uri.Host, uri.Port > 0 ? uri.Port : 502, _timeout),
            _ => throw new NotSupportedException($"device '{device.Id}': bus '{device.Bus}' is not supported by this gateway build"),
        };
        _buses[device.Bus] = client;
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bus in _buses.Values)
        {
            if (bus is IAsyncDisposable d) await d.DisposeAsync().ConfigureAwait(false);
        }
    }
}
