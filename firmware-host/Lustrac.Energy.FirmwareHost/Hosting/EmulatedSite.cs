using System.Net;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Faults;
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
        IReadOnlyList<EmulatedDevice> devices, IReadOnlyList<SkippedDevice> skipped, W1Devices w1, GpioDevices gpio, TankDevices tanks)
    {
        Tanks = tanks;
        W1 = w1;
        Gpio = gpio;
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

    /// <summary>Where counters and tanks start: the simulated start, or earlier by the history days (see <see cref="EmulatedSiteOptions.HistoryDays"/>).</summary>
    public DateTimeOffset ModelOrigin { get; private init; }
    public IReadOnlyList<EmulatedBus> Buses { get; }
    public IReadOnlyCollection<EmulatedDevice> Devices => _devices.Values;
    public IReadOnlyList<SkippedDevice> Skipped { get; }

    /// <summary>The emulated 1-Wire devices (DS18B20 probes) and the folder they are written to.</summary>
    public W1Devices W1 { get; }

    /// <summary>The emulated pulse outputs and the GPIO driver they drive (<c>new GpioController(site.Gpio.Driver)</c>).</summary>
    public GpioDevices Gpio { get; }

    /// <summary>Tank level sensors: ADS1115s to open in-process (<c>site.Tanks.OpenI2c(1, 0x48)</c>) and ultrasonic sensors on serial ports.</summary>
    public TankDevices Tanks { get; }

    /// <summary>The Linky meters on their TIC lines (<c>tic:///path</c>).</summary>
    public LinkyDevices Linky { get; private init; } = null!;

    public static async Task<EmulatedSite> StartAsync(SiteModel site, EmulatedSiteOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatedSiteOptions();
        options.Validate();
        ct.ThrowIfCancellationRequested();
        var clock = new SimulationClock(options.TimeProvider, options.Start ?? options.TimeProvider.GetUtcNow(), options.Speed);
        var origin = options.ModelOrigin(clock.Start);
        var physics = new SitePhysics(site, options.Seed, origin);
        // A fault with no start is active from the simulated start (a stuck value then freezes at the start).
        var faults = options.Faults.Select(f => f with { From = f.From ?? clock.Start }).ToLookup(f => f.Device, StringComparer.Ordinal);
        var unknown = faults.Select(g => g.Key).Where(id => site.FindDevice(id) is null).ToArray();
        if (unknown.Length > 0) throw new InvalidOperationException($"the fault file names devices the site file does not have: {string.Join(", ", unknown)}");
        var factory = new DeviceFactory(physics, clock, origin);

        var devices = new List<EmulatedDevice>();
        var skipped = new List<SkippedDevice>();
        var w1 = new W1Devices(options.W1Root ?? W1Devices.DefaultRoot, clock);
        var gpio = new GpioDevices(physics, clock);
        var tanks = new TankDevices(physics, clock, options);
        var linky = new LinkyDevices(physics, clock, options);
        foreach (var device in site.Devices)
        {
            if (device.Bus.StartsWith("tic://", StringComparison.Ordinal))
            {
                if (linky.TryAdd(device, faults[device.Id].ToArray()) is { } problem) skipped.Add(new SkippedDevice(device, problem));
                continue;
            }
            if (device.Kind.StartsWith("tank_level_", StringComparison.Ordinal))
            {
                if (tanks.TryAdd(device, faults[device.Id].ToArray()) is { } problem) skipped.Add(new SkippedDevice(device, problem));
                continue;
            }
            if (device.Bus.StartsWith("gpio://", StringComparison.Ordinal))
            {
                if (gpio.TryAdd(device) is { } problem) skipped.Add(new SkippedDevice(device, problem));
                continue;
            }
            if (device.Bus.StartsWith("w1://", StringComparison.Ordinal))
            {
                var problem = device.Kind == DeviceKinds.Ds18b20 ? w1.TryAddCompostProbe(device, physics, faults[device.Id].ToArray()) : $"kind '{device.Kind}' on a 1-Wire bus is not emulated";
                if (problem is not null) skipped.Add(new SkippedDevice(device, problem));
                continue;
            }
            if (!BusStarter.IsTcp(device.Bus) && !BusStarter.IsRtu(device.Bus))
            {
                skipped.Add(new SkippedDevice(device, $"bus '{device.Bus}' is not emulated yet"));
                continue;
            }
            var (emulated, reason) = factory.Create(device, faults[device.Id].ToArray());
            if (emulated is not null) devices.Add(emulated);
            else skipped.Add(new SkippedDevice(device, reason!));
        }

        var buses = new List<EmulatedBus>();
        try
        {
            foreach (var group in devices.GroupBy(d => d.Device.Bus, StringComparer.OrdinalIgnoreCase))
            {
                var onBus = group.ToArray();
                var wireFaults = new BusFaults(onBus.ToDictionary(d => (byte)d.Device.Address, d => (IReadOnlyList<FaultSpec>)faults[d.Id].ToArray()), clock, options.Seed);
                buses.Add(BusStarter.IsTcp(group.Key)
                    ? BusStarter.StartTcp(group.Key, onBus, options, wireFaults)
                    : await BusStarter.StartRtuAsync(group.Key, onBus, options, wireFaults, ct));
            }
            w1.Start();
            gpio.Start();
            await tanks.StartAsync(ct);
            await linky.StartAsync(ct);
        }
        catch
        {
            foreach (var bus in buses) await bus.DisposeAsync();
            await w1.DisposeAsync();
            await gpio.DisposeAsync();
            await tanks.DisposeAsync();
            await linky.DisposeAsync();
            throw;
        }
        return new EmulatedSite(site, clock, physics, buses, devices, skipped, w1, gpio, tanks) { Linky = linky, ModelOrigin = origin };
    }

    /// <summary>Where the listener for <paramref name="busUri"/> (as written in the site file) is listening.</summary>
    public IPEndPoint EndpointOf(string busUri) =>
        Buses.FirstOrDefault(b => string.Equals(b.Uri, busUri, StringComparison.OrdinalIgnoreCase))?.Endpoint
        ?? throw new KeyNotFoundException($"no emulated Modbus TCP bus '{busUri}'");

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

    public async ValueTask DisposeAsync()
    {
        foreach (var bus in Buses) await bus.DisposeAsync();
        await W1.DisposeAsync();
        await Gpio.DisposeAsync();
        await Tanks.DisposeAsync();
        await Linky.DisposeAsync();
    }
}
