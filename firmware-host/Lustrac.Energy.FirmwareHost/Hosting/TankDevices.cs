using System.Device.I2c;
using System.Globalization;
using System.Text.RegularExpressions;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.FirmwareHost.Serial;
using Lustrac.Energy.FirmwareHost.TankLevel;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>
/// Tank level sensors of a site: 4–20 mA sensors behind ADS1115 converters on <c>i2c://BUS/ADDRESS</c> (opened
/// in-process with <see cref="OpenI2c"/>), and JSN-SR04T ultrasonic sensors on <c>uart:///path?baud=9600</c> (a
/// socat pty pair made at the path, or the port <see cref="EmulatedSiteOptions.SerialPorts"/> maps it to).
/// </summary>
public sealed partial class TankDevices(SitePhysics physics, SimulationClock clock, EmulatedSiteOptions options) : IAsyncDisposable
{
    /// <summary>The ultrasonic sensor hangs this far above the full-water line, clear of its blind zone.</summary>
    public const double SensorClearanceM = 0.25;

    private readonly Dictionary<(int Bus, int Address), Dictionary<int, CurrentLoopSensor>> _adcChannels = new();
    private readonly Dictionary<(int Bus, int Address), Ads1115Emulator> _adcs = new();
    private readonly List<(JsnSr04tEmulator Sensor, PtyPair? Pty)> _ultrasonic = [];
    private readonly List<(Device Device, TankModel Tank, bool Automatic, Func<DateTimeOffset, bool> Silent)> _pendingUltrasonic = [];

    [GeneratedRegex("^i2c://([0-9]+)/0x([0-9a-fA-F]{1,2})$")]
    private static partial Regex I2cBus();

    public IReadOnlyList<JsnSr04tEmulator> Ultrasonic => _ultrasonic.Select(u => u.Sensor).ToArray();

    /// <param name="faults">unplugged or timeout: the loop reads 0 mA, the ultrasonic sensor stays silent.</param>
    public string? TryAdd(Device device, IReadOnlyList<Faults.FaultSpec> faults)
    {
        bool Dead(DateTimeOffset t) => faults.Any(f => f.Kind is Faults.FaultKind.Unplugged or Faults.FaultKind.Timeout && f.IsActiveAt(t));
        if (device.Asset is not { } asset || !physics.Tanks.TryGetValue(asset, out var tank)) return "names no rain_tank asset";
        switch (device.Kind)
        {
            case DeviceKinds.TankLevel4To20mA:
                var match = I2cBus().Match(device.Bus);
                if (!match.Success) return $"bus '{device.Bus}' is not i2c://<bus>/0x<address> (an ADS1115, e.g. i2c://1/0x48)";
                var key = (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), Convert.ToInt32(match.Groups[2].Value, 16));
                var channel = int.TryParse(device.Settings.GetValueOrDefault("channel"), out var c) && c is >= 0 and <= 3 ? c : 0;
                if (!_adcChannels.TryGetValue(key, out var channels)) _adcChannels[key] = channels = [];
                if (channels.ContainsKey(channel)) return $"ADS1115 {device.Bus} channel {channel} is already used";
                var shunt = double.TryParse(device.Settings.GetValueOrDefault("shunt_ohms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 250;
                channels[channel] = new CurrentLoopSensor(tank.DepthAt, tank.Geometry.DepthM, shunt, Dead);
                return null;
            case DeviceKinds.TankLevelUltrasonic:
                if (!device.Bus.StartsWith("uart://", StringComparison.Ordinal)) return $"bus '{device.Bus}' is not uart:///path?baud=9600";
                _pendingUltrasonic.Add((device, tank, device.Settings.GetValueOrDefault("mode") != "on_request", Dead));
                return null;
            default:
                return $"kind '{device.Kind}' is not a tank level sensor";
        }
    }

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var (device, tank, automatic, silent) in _pendingUltrasonic)
        {
            var path = new Uri(device.Bus).AbsolutePath;
            PtyPair? pty = null;
            if (!options.SerialPorts.TryGetValue(path, out var port))
            {
                pty = await PtyPair.CreateAsync(path, ct: ct);
                port = pty.EmulatorSide;
            }
            var mountedAt = tank.Geometry.DepthM + SensorClearanceM;
            var sensor = new JsnSr04tEmulator(port, t => mountedAt - tank.DepthAt(t), clock, automatic, silent);
            sensor.Start();
            _ultrasonic.Add((sensor, pty));
        }
    }

    /// <summary>The ADS1115 at an I2C address, shared by every opener as one chip is on a real bus.</summary>
    public I2cDevice OpenI2c(int busId, int address)
    {
        var key = (busId, address);
        lock (_adcs)
        {
            if (_adcs.TryGetValue(key, out var adc)) return adc;
            if (!_adcChannels.TryGetValue(key, out var channels)) throw new IOException($"no device answers at I2C bus {busId} address 0x{address:x2}");
            return _adcs[key] = new Ads1115Emulator(new I2cConnectionSettings(busId, address),
                channel => channels.TryGetValue(channel, out var sensor) ? sensor.VoltsAt(clock.Now) : 0);
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var (sensor, pty) in _ultrasonic)
        {
            sensor.Dispose();
            pty?.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
