using System.Net;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Modbus;
using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.FirmwareHost.Sdm630;
using Lustrac.Energy.FirmwareHost.SunSpec;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>
/// Every emulated device of a site file, running: one Modbus TCP listener per distinct <c>modbus-tcp://host:port</c>
/// bus, serving the unit ids of the devices on it, all driven by one <see cref="SitePhysics"/> on one
/// <see cref="SimulationClock"/>. Also the in-process view of the model's true values, so a test can compare what a
/// gateway read with what was served.
/// <code>await using var site = await EmulatedSite.StartAsync(SiteLoader.LoadFile(path), new() { Speed = 60 }, ct);</code>
/// </summary>
public sealed class EmulatedSite : IAsyncDisposable
{
    private readonly Dictionary<string, EmulatedDevice> _devices;

    private EmulatedSite(SiteModel site, SimulationClock clock, SitePhysics physics, IReadOnlyList<EmulatedBus> buses,
        IReadOnlyList<EmulatedDevice> devices, IReadOnlyList<SkippedDevice> skipped)
    {
        Site = site;
        Clock = clock;
        Physics = physics;
        Buses = buses;
        Skipped = skipped;
        _devices = devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    public SiteModel Site { get; }
    public SimulationClock Clock { get; }
    public SitePhysics Physics { get; }
    public IReadOnlyList<EmulatedBus> Buses { get; }
    public IReadOnlyCollection<EmulatedDevice> Devices => _devices.Values;
    public IReadOnlyList<SkippedDevice> Skipped { get; }

    public static Task<EmulatedSite> StartAsync(SiteModel site, EmulatedSiteOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatedSiteOptions();
        options.Validate();
        ct.ThrowIfCancellationRequested();
        var clock = new SimulationClock(options.TimeProvider, options.Start ?? options.TimeProvider.GetUtcNow(), options.Speed);
        var physics = new SitePhysics(site, options.Seed);
        var factory = new DeviceFactory(physics, clock);

        var devices = new List<EmulatedDevice>();
        var skipped = new List<SkippedDevice>();
        foreach (var device in site.Devices)
        {
            if (!device.Bus.StartsWith("modbus-tcp://", StringComparison.Ordinal))
            {
                skipped.Add(new SkippedDevice(device, $"bus '{device.Bus}' is not emulated yet"));
                continue;
            }
            var (emulated, reason) = factory.Create(device);
            if (emulated is not null) devices.Add(emulated);
            else skipped.Add(new SkippedDevice(device, reason!));
        }

        var buses = new List<EmulatedBus>();
        try
        {
            foreach (var group in devices.GroupBy(d => d.Device.Bus, StringComparer.OrdinalIgnoreCase))
            {
                var endpoint = Endpoint(group.Key, options);
                var units = group.ToDictionary(d => (byte)d.Device.Address, d => d.Unit);
                var server = new ModbusTcpServer(endpoint, units);
                try { server.Start(); }
                catch (System.Net.Sockets.SocketException ex)
                {
                    throw new InvalidOperationException($"cannot listen on {endpoint} for bus {group.Key}: {ex.Message}", ex);
                }
                buses.Add(new EmulatedBus(group.Key, server.LocalEndpoint, group.ToArray(), server));
            }
        }
        catch
        {
            foreach (var bus in buses) bus.Server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return Task.FromResult(new EmulatedSite(site, clock, physics, buses, devices, skipped));
    }

    /// <summary>Where the listener for <paramref name="busUri"/> (as written in the site file) is listening.</summary>
    public IPEndPoint EndpointOf(string busUri) =>
        Buses.FirstOrDefault(b => string.Equals(b.Uri, busUri, StringComparison.OrdinalIgnoreCase))?.Endpoint
        ?? throw new KeyNotFoundException($"no emulated bus '{busUri}'");

    /// <summary>The listener serving a device of the site file.</summary>
    public IPEndPoint EndpointOfDevice(string deviceId) => EndpointOf(GetDevice(deviceId).Device.Bus);

    public EmulatedDevice GetDevice(string deviceId) =>
        _devices.TryGetValue(deviceId, out var d) ? d : throw new KeyNotFoundException($"no emulated device '{deviceId}'");

    /// <summary>The true values an emulated meter serves at <paramref name="at"/> (default: the simulated now).</summary>
    public MeterValues MeterValues(string deviceId, DateTimeOffset? at = null) =>
        GetDevice(deviceId).Model is IElectricityMeter meter
            ? meter.ValuesAt(at ?? Clock.Now)
            : throw new InvalidOperationException($"device '{deviceId}' is not an electricity meter");

    /// <summary>The true values an emulated inverter serves at <paramref name="at"/> (default: the simulated now).</summary>
    public InverterValues InverterValues(string deviceId, DateTimeOffset? at = null) =>
        GetDevice(deviceId).Model is IPvInverter inverter
            ? inverter.ValuesAt(at ?? Clock.Now)
            : throw new InvalidOperationException($"device '{deviceId}' is not a PV inverter");

    private static IPEndPoint Endpoint(string busUri, EmulatedSiteOptions options)
    {
        var uri = new Uri(busUri);
        var address = options.BindAddress ?? ResolveHost(uri.Host);
        return new IPEndPoint(address, options.EphemeralPorts || uri.Port < 0 ? 0 : uri.Port);
    }

    private static IPAddress ResolveHost(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip)) return ip;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        return Dns.GetHostAddresses(host).First();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bus in Buses) await bus.Server.DisposeAsync();
    }
}
