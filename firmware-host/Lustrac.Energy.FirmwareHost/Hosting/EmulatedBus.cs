using System.Net;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>
/// One running bus: the bus URI of the site file, where it is served (a TCP endpoint, or the serial port the emulator
/// holds), and the devices behind it.
/// </summary>
public sealed class EmulatedBus(string uri, string servedOn, IPEndPoint? endpoint, IReadOnlyList<EmulatedDevice> devices, IAsyncDisposable transport)
    : IAsyncDisposable
{
    public string Uri { get; } = uri;

    /// <summary>Where the transport is: "127.0.0.1:15021" or "/tmp/rtu-a.emulator".</summary>
    public string ServedOn { get; } = servedOn;

    /// <summary>The TCP endpoint for Modbus TCP buses; null for serial buses.</summary>
    public IPEndPoint? Endpoint { get; } = endpoint;

    public IReadOnlyList<EmulatedDevice> Devices { get; } = devices;

    public ValueTask DisposeAsync() => transport.DisposeAsync();

    public override string ToString()
    {
        var units = string.Join(", ", Devices.OrderBy(d => d.Device.Address).Select(d => $"{d.Device.Address}={d.Id} ({d.Device.Kind})"));
        return $"{Uri} listening on {ServedOn}: {units}";
    }
}
