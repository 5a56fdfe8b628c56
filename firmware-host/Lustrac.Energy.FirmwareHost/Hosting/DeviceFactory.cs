using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Faults;
using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.FirmwareHost.Sdm630;
using Lustrac.Energy.FirmwareHost.SunSpec;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>Builds the emulator for one site-file device, wired to the site physics it measures.</summary>
/// <param name="origin">Where the devices' counters start (default: the simulated start).</param>
public sealed class DeviceFactory(SitePhysics physics, SimulationClock clock, DateTimeOffset? origin = null)
{
    private readonly DateTimeOffset _origin = origin ?? clock.Start;

    /// <summary>Returns the emulated device, or a reason it cannot be emulated.</summary>
    /// <param name="faults">Faults injected into this device; value faults wrap its model here, wire faults act in the transport.</param>
    public (EmulatedDevice? Device, string? Skipped) Create(Device device, IReadOnlyList<FaultSpec> faults) => device.Kind switch
    {
        DeviceKinds.Sdm630 => Meter(device, EastronRegisterMap.Sdm630, phases: 3, faults),
        DeviceKinds.Sdm120 => Meter(device, EastronRegisterMap.Sdm120, phases: 1, faults),
        DeviceKinds.SunSpecInverter => Inverter(device, faults),
        DeviceKinds.SunSpecMeter => SunSpecMeter(device, faults),
        _ => (null, $"kind '{device.Kind}' is not emulated yet"),
    };

    private (EmulatedDevice?, string?) Meter(Device device, EastronRegisterMap map, int phases, IReadOnlyList<FaultSpec> faults)
    {
        var net = NetPowerOf(device);
        if (net is null) return (null, $"role '{device.Role}' has no power source in the site model");
        var key = StableRandom.Combine(physics.Seed, device.Id);
        var years = StableRandom.Between(StableRandom.Combine(key, "age"), 0.5, 8);
        var (initialImport, initialExport) = InitialCounters(device, years);
        IElectricityMeter model = new GridMeterModel(device.Id, net, phases, _origin, physics.Seed, initialImport, initialExport);
        if (faults.Count > 0) model = new FaultyMeter(model, faults);
        return (new EmulatedDevice(device, new EastronMeterEmulator(map, model, clock), model), null);
    }

    /// <summary>
    /// Counters of a meter in service for <paramref name="years"/>: a household meter has imported at the typical
    /// household rate; a production meter has counted the array's typical yield (1,270 kWh/kWp/yr near Agen, DOMAIN.md)
    /// on its production register and a few kWh a year of the inverter's night-time standby draw on the other.
    /// </summary>
    private (double Import, double Export) InitialCounters(Device device, double years)
    {
        if (ArrayOf(device) is not { } array || device.Role == Roles.HouseholdMeter)
            return (Math.Round(HouseholdLoadModel.TypicalDailyKwh * 365 * years, 1), 0);
        var produced = Math.Round(array.PeakKw * 1270 * years, 1);
        var standby = Math.Round(5 * years, 1);
        return ProductionOnImport(device) ? (produced, standby) : (standby, produced);
    }

    /// <summary>
    /// How the site file says the meter is wired: a production meter installed the usual way (supply side to the
    /// distribution board, inverter on the load side) sees production flowing backwards, as export; the setting
    /// <c>production_counter: import</c> describes a meter wired the other way round.
    /// </summary>
    private static bool ProductionOnImport(Device device) => device.Settings.GetValueOrDefault("production_counter") == "import";

    /// <summary>
    /// What a meter sees, import positive: a household meter its home's net draw; a PV meter the array's production,
    /// flowing in the export direction (negative) unless the meter is wired with production on import.
    /// </summary>
    private Func<DateTimeOffset, double>? NetPowerOf(Device device)
    {
        switch (device.Role)
        {
            case Roles.HouseholdMeter when device.Household is { } h && physics.Households.ContainsKey(h):
                return t => physics.HouseholdNetKw(h, t);
            case Roles.PvProduction or Roles.HouseholdPv when ArrayOf(device) is { } array:
                var sign = ProductionOnImport(device) ? 1 : -1;
                return t => sign * array.AcPowerKw(t);
            default:
                return null;
        }
    }

    private (EmulatedDevice?, string?) Inverter(Device device, IReadOnlyList<FaultSpec> faults)
    {
        if (ArrayOf(device) is not { } array) return (null, "names no PV array (asset, or a household with a pv_array asset)");
        IPvInverter model = new PvInverterModel(device.Id, array, _origin, physics.Seed);
        if (faults.Count > 0) model = new FaultyInverter(model, faults);
        var serial = $"LU{StableRandom.Combine(physics.Seed, device.Id) % 100_000_000:D8}";
        var common = new CommonModel("Lustrac Emulated", $"PV-{array.AcRatingKw:0}K-3P", "1.0.0", serial,
            (ushort)device.Address, CommonLength(device));
        // sunspec_model: 103 (integer + scale factors, default) or 111/112/113 (float32).
        ISunSpecModel inverterModel = ushort.TryParse(device.Settings.GetValueOrDefault("sunspec_model"), out var id) && id is 111 or 112 or 113
            ? new InverterModelFloat(model, id)
            : new InverterModel103(model);
        var unit = new SunSpecDeviceEmulator([common, inverterModel], clock, BaseAddress(device));
        return (new EmulatedDevice(device, unit, model), null);
    }

    private (EmulatedDevice?, string?) SunSpecMeter(Device device, IReadOnlyList<FaultSpec> faults)
    {
        var (meter, skipped) = Meter(device, EastronRegisterMap.Sdm630, phases: 3, faults);
        if (meter is null) return (null, skipped);
        var model = (IElectricityMeter)meter.Model;
        var serial = $"LM{StableRandom.Combine(physics.Seed, device.Id) % 100_000_000:D8}";
        var common = new CommonModel("Lustrac Emulated", "Meter-3P", "1.0.0", serial, (ushort)device.Address, CommonLength(device));
        // W is int16: a PV meter on a large array needs a coarser power scale factor than a household's.
        var maxW = ArrayOf(device) is { } array ? array.AcRatingKw * 1100 : 30_000;
        var unit = new SunSpecDeviceEmulator([common, new MeterModel203(model, SunSpecRegisters.ScaleFactorFor(maxW, 32767, 0))], clock, BaseAddress(device));
        return (new EmulatedDevice(device, unit, model), null);
    }

    private static ushort BaseAddress(Device device) =>
        ushort.TryParse(device.Settings.GetValueOrDefault("sunspec_base"), out var b) ? b : (ushort)40000;

    private static ushort CommonLength(Device device) =>
        device.Settings.GetValueOrDefault("common_length") == "65" ? (ushort)65 : (ushort)66;

    private PvArrayModel? ArrayOf(Device device)
    {
        if (device.Asset is { } asset && physics.PvArrays.TryGetValue(asset, out var array)) return array;
        return device.Household is { } h ? physics.HouseholdPv(h) : null;
    }
}
