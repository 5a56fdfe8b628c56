using System.Net;
using Lustrac.Energy.FirmwareHost.Modbus;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>One Modbus TCP listener: the bus URI of the site file, where it actually listens, and the devices behind it.</summary>
public sealed record EmulatedBus(string Uri, IPEndPoint Endpoint, IReadOnlyList<EmulatedDevice> Devices, ModbusTcpServer Server)
{
    public override string ToString()
    {
        var units = string.Join(", ", Devices.OrderBy(d => d.Device.Address).Select(d => $"{d.Device.Address}={d.Id} ({d.Device.Kind})"));
        return $"{Uri} listening on {Endpoint}: {units}";
    }
}
