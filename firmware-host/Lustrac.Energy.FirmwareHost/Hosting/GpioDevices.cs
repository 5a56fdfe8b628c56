using System.Globalization;
using System.Text.RegularExpressions;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.FirmwareHost.S0Pulse;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>
/// The emulated pulse outputs of a site (<c>s0_pulse</c> electricity, <c>water_pulse</c> water meters on
/// <c>gpio://N</c> buses), all on one <see cref="EmulatedGpioDriver"/> that an in-process gateway opens with
/// <c>new GpioController(site.Gpio.Driver)</c>. Each emitter's counter is a cumulative quantity of the site model.
/// </summary>
public sealed partial class GpioDevices(SitePhysics physics, SimulationClock clock) : IAsyncDisposable
{
    private readonly Dictionary<string, S0PulseEmitter> _emitters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnergyCounter> _counters = new(StringComparer.Ordinal);

    public EmulatedGpioDriver Driver { get; } = new();

    public IReadOnlyDictionary<string, S0PulseEmitter> Emitters => _emitters;

    /// <summary>The cumulative quantity a device's pulses count, in kWh or litres since its origin.</summary>
    public double CountedAt(string deviceId, DateTimeOffset t) => _counters[deviceId].KwhAt(t);

    [GeneratedRegex("^gpio://([0-9]+)$")]
    private static partial Regex GpioBus();

    public string? TryAdd(Device device)
    {
        var match = GpioBus().Match(device.Bus);
        if (!match.Success) return $"bus '{device.Bus}' is not gpio://<line number>";
        var pin = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (pin >= Driver.LineCount) return $"GPIO line {pin} is beyond the emulated chip's {Driver.LineCount} lines";
        if (_emitters.Values.Any(e => e.Pin == pin)) return $"GPIO line {pin} is already used by another device";

        Func<DateTimeOffset, double>? rate = (device.Kind, device.Role, device.Household) switch
        {
            (DeviceKinds.S0Pulse, Roles.HouseholdMeter, { } h) when physics.Households.ContainsKey(h) => t => Math.Max(0, physics.HouseholdNetKw(h, t)),
            (DeviceKinds.S0Pulse, Roles.HouseholdPv or Roles.PvProduction, _) when PvOf(device) is { } pv => pv.AcPowerKw,
            (DeviceKinds.S0Pulse or DeviceKinds.WaterPulse, Roles.WaterMains, { } h) when Water(h) is not null => t => physics.WaterFlowLitresPerHour(h, t).Mains,
            (DeviceKinds.S0Pulse or DeviceKinds.WaterPulse, Roles.WaterRain, { } h) when Water(h) is not null => t => physics.WaterFlowLitresPerHour(h, t).Rain,
            (DeviceKinds.RainGauge, Roles.RainGauge, _) => physics.Rain.IntensityMmPerHour,
            _ => null,
        };
        if (rate is null) return $"no {device.Role} quantity in the site model for this {device.Kind}";

        // DOMAIN.md: SDM120 pulse output 1000 imp/kWh; reed-contact water meters 1, 10, 100 or 1000 L/pulse.
        // A tipping-bucket gauge tips every 0.2 mm by default (common hobby gauges: 0.2–0.28 mm).
        var pulsesPerUnit = device.Role switch
        {
            Roles.WaterMains or Roles.WaterRain => 1 / Setting(device, "litres_per_pulse", 10),
            Roles.RainGauge => 1 / Setting(device, "mm_per_tip", 0.2),
            _ => Setting(device, "imp_per_kwh", 1000),
        };
        var counter = new EnergyCounter(rate, clock.Start, 0);
        _counters[device.Id] = counter;
        _emitters[device.Id] = new S0PulseEmitter(Driver, pin, counter.KwhAt, pulsesPerUnit, clock,
            bounce: device.Settings.GetValueOrDefault("bounce") == "true", seed: StableRandom.Combine(physics.Seed, device.Id));
        return null;
    }

    public void Start()
    {
        foreach (var emitter in _emitters.Values) emitter.Start();
    }

    private WaterUseModel? Water(string householdId) => physics.Water.GetValueOrDefault(householdId);

    private PvArrayModel? PvOf(Device device) =>
        device.Asset is { } a && physics.PvArrays.TryGetValue(a, out var pv) ? pv : device.Household is { } h ? physics.HouseholdPv(h) : null;

    private static double Setting(Device device, string key, double fallback) =>
        double.TryParse(device.Settings.GetValueOrDefault(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    public async ValueTask DisposeAsync()
    {
        foreach (var emitter in _emitters.Values) await emitter.DisposeAsync();
        Driver.Dispose();
    }
}
