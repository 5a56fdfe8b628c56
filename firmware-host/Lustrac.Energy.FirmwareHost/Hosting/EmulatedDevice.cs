using Lustrac.Energy.FirmwareHost.Modbus;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>A device of the site file and the emulator that answers for it on its bus.</summary>
public sealed record EmulatedDevice(Device Device, IModbusUnit Unit, object Model)
{
    public string Id => Device.Id;
}

/// <summary>A device of the site file that this host does not emulate, and why (shown at start-up).</summary>
public sealed record SkippedDevice(Device Device, string Reason);
