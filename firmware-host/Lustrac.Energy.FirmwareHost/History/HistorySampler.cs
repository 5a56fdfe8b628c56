using System.Globalization;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.Sdm630;
using Lustrac.Energy.FirmwareHost.SunSpec;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.History;

/// <summary>One device's sample at one past instant, as its gateway would have published it.</summary>
public sealed record HistorySample(Device Device, DateTimeOffset Time, IReadOnlyList<Reading> Readings);

/// <summary>
/// What the gateways would have read from the emulated site at a past instant, straight from the same models the live
/// devices serve (so the counters a backfill ends on are the counters the live meters continue from). The quantities
/// are those the engine computes with: a household meter's import and export counters and power, an inverter's
/// lifetime production and power, a compost probe's temperature, a tank's depth and volume. Pulse counters (S0,
/// water, rain gauge) count from the live start and have no past; they are listed in <see cref="Skipped"/>.
/// </summary>
public sealed class HistorySampler
{
    private readonly List<(Device Device, Func<DateTimeOffset, IReadOnlyList<Reading>> Read)> _sources = [];

    public HistorySampler(EmulatedSite site)
    {
        var skipped = new List<string>();
        foreach (var device in site.Site.Devices)
        {
            var read = SourceOf(site, device);
            if (read is null) skipped.Add(device.Id);
            else _sources.Add((device, read));
        }
        Skipped = skipped;
    }

    /// <summary>Devices of the site file without a history (not emulated, or a pulse counter).</summary>
    public IReadOnlyList<string> Skipped { get; }

    public int DeviceCount => _sources.Count;

    /// <summary>Every device's sample at <paramref name="t"/>, in site-file order.</summary>
    public IEnumerable<HistorySample> At(DateTimeOffset t)
    {
        foreach (var (device, read) in _sources) yield return new HistorySample(device, t, read(t));
    }

    private static Func<DateTimeOffset, IReadOnlyList<Reading>>? SourceOf(EmulatedSite site, Device device)
    {
        var emulated = site.Devices.FirstOrDefault(d => d.Id == device.Id);
        if (emulated?.Model is IElectricityMeter meter) return MeterReadings(device, meter);
        if (emulated?.Model is IPvInverter inverter)
            return t => { var v = inverter.ValuesAt(t); return [Energy(QuantityVocabulary.EnergyProduced, v.LifetimeWh / 1000), Power(v.AcPowerW)]; };
        if (device.Role == Roles.CompostTemperature && device.Asset is { } pile && site.Physics.CompostPiles.TryGetValue(pile, out var model))
        {
            // The depth rule of the emulated probe (W1Devices): the setting depth_m, 0.5 m by default.
            var depth = double.TryParse(device.Settings.GetValueOrDefault("depth_m"), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0.5;
            return t => [Read(QuantityVocabulary.Temperature, Math.Round(model.TemperatureC(t, depth), 3))]; // DS18B20: 1/16 °C, millidegrees in w1
        }
        if (device.Role == Roles.TankLevel && device.Asset is { } tankId && site.Physics.Tanks.TryGetValue(tankId, out var tank)
            && site.Site.Assets.FirstOrDefault(a => a.Id == tankId) is { } asset)
        {
            var geometry = TankGeometry.Of(asset);
            return t =>
            {
                var depth = Math.Clamp(Math.Round(tank.DepthAt(t), 3), 0, geometry.FullDepthM); // the sensor's millimetre
                return [Read(QuantityVocabulary.TankLevel, depth), Read(QuantityVocabulary.TankVolume, Math.Round(geometry.VolumeLitres(depth), 1))];
            };
        }
        return null;
    }

    /// <summary>The role decides the quantity (README, MQTT contract): a household meter's two counters, a PV meter's production register.</summary>
    private static Func<DateTimeOffset, IReadOnlyList<Reading>>? MeterReadings(Device device, IElectricityMeter meter)
    {
        switch (device.Role)
        {
            case Roles.HouseholdMeter:
                return t =>
                {
                    var v = meter.ValuesAt(t);
                    return [Energy(QuantityVocabulary.EnergyImport, v.ImportKwh), Energy(QuantityVocabulary.EnergyExport, v.ExportKwh), Power(v.TotalPowerW)];
                };
            case Roles.PvProduction or Roles.HouseholdPv:
                var onImport = device.Settings.GetValueOrDefault("production_counter") == "import";
                return t =>
                {
                    var v = meter.ValuesAt(t);
                    return [Energy(QuantityVocabulary.EnergyProduced, onImport ? v.ImportKwh : v.ExportKwh), Power(onImport ? v.TotalPowerW : -v.TotalPowerW)];
                };
            default:
                return null; // a battery's meter: not emulated with a charge model yet
        }
    }

    // Counters to the Wh, as an SDM630's float32 register holds them at these magnitudes; power to the watt.
    private static Reading Energy(Quantity q, double kwh) => Read(q, Math.Round(kwh, 3));
    private static Reading Power(double w) => Read(QuantityVocabulary.ActivePower, Math.Round(w, 1));
    private static Reading Read(Quantity q, double value) => new(q.Name, value, q.Unit, ReadingQuality.Good);
}
