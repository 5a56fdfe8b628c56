using System.Net;
using Lustrac.Energy.FirmwareHost.Modbus;
using Lustrac.Energy.FirmwareHost.Serial;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>Starts the transport of one bus of the site file: a Modbus TCP listener or a Modbus RTU serial server.</summary>
internal static class BusStarter
{
    public static bool IsTcp(string bus) => bus.StartsWith("modbus-tcp://", StringComparison.OrdinalIgnoreCase);
    public static bool IsRtu(string bus) => bus.StartsWith("modbus-rtu://", StringComparison.OrdinalIgnoreCase);

    public static EmulatedBus StartTcp(string busUri, IReadOnlyList<EmulatedDevice> devices, EmulatedSiteOptions options, IWireFaults faults)
    {
        var uri = new Uri(busUri);
        var address = options.BindAddress ?? ResolveHost(uri.Host);
        var endpoint = new IPEndPoint(address, options.EphemeralPorts || uri.Port < 0 ? 0 : uri.Port);
        var server = new ModbusTcpServer(endpoint, Units(devices), faults);
        try { server.Start(); }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new InvalidOperationException($"cannot listen on {endpoint} for bus {busUri}: {ex.Message}", ex);
        }
        return new EmulatedBus(busUri, server.LocalEndpoint.ToString(), server.LocalEndpoint, devices, server);
    }

    /// <summary>
    /// The emulator opens the serial port that <see cref="EmulatedSiteOptions.SerialPorts"/> maps the bus path to; with
    /// no mapping it makes a pty pair with socat whose device side appears at the bus path itself (which must not exist yet).
    /// </summary>
    public static async Task<EmulatedBus> StartRtuAsync(string busUri, IReadOnlyList<EmulatedDevice> devices, EmulatedSiteOptions options, IWireFaults faults, CancellationToken ct)
    {
        var uri = new Uri(busUri);
        var path = uri.AbsolutePath;
        PtyPair? pty = null;
        if (!options.SerialPorts.TryGetValue(path, out var port))
        {
            if (File.Exists(path))
                throw new InvalidOperationException($"bus {busUri}: {path} already exists (a real port?); map it to a port for the emulator in SerialPorts / --serial {path}=OTHER");
            pty = await PtyPair.CreateAsync(path, ct: ct);
            port = pty.EmulatorSide;
        }
        var server = new ModbusRtuServer(port, SerialSettings.FromQuery(uri.Query), Units(devices), faults);
        try { server.Start(); }
        catch
        {
            server.Dispose();
            pty?.Dispose();
            throw;
        }
        return new EmulatedBus(busUri, port, null, devices, new SerialTransport(server, pty));
    }

    private static Dictionary<byte, IModbusUnit> Units(IReadOnlyList<EmulatedDevice> devices) =>
        devices.ToDictionary(d => (byte)d.Device.Address, d => d.Unit);

    private static IPAddress ResolveHost(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip)) return ip;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        return Dns.GetHostAddresses(host).First();
    }

    private sealed class SerialTransport(ModbusRtuServer server, PtyPair? pty) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            server.Dispose();
            pty?.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
