using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.S0Pulse;

/// <summary>What one pulse is worth, in the vocabulary unit of the counter it feeds.</summary>
public sealed record PulseUnit(Quantity Quantity, decimal PerPulse);

/// <summary>
/// Per-kind pulse values, from the device's settings. Kinds and the settings they read:
/// <list type="bullet">
/// <item><c>s0_pulse</c>: <c>wh_per_pulse</c> or <c>pulses_per_kwh</c> (SDM120: 1000 imp/kWh; SDM630 output 2: 400 imp/kWh = 2.5 Wh) →
/// <c>energy_import</c> for a household meter, <c>energy_produced</c> for PV, or <c>quantity:</c> to choose;
/// with a water role, <c>litres_per_pulse</c> → <c>water_volume</c>.</item>
/// <item><c>water_pulse</c>: <c>litres_per_pulse</c> (reed contacts give 1, 10, 100 or 1000 L) → <c>water_volume</c> (L).</item>
/// <item><c>rain_gauge</c>: <c>mm_per_tip</c> (often 0.2 mm) → <c>rainfall</c> (mm).</item>
/// <item><c>scale</c> with a pulse output: <c>kg_per_pulse</c> → <c>mass</c> (kg).</item>
/// </list>
/// </summary>
public static class PulseUnits
{
    public static PulseUnit For(Device device)
    {
        var s = new DeviceSettings(device);
        return device.Kind switch
        {
            DeviceKinds.S0Pulse when device.Role is Roles.WaterMains or Roles.WaterRain => Water(s),
            DeviceKinds.S0Pulse => Energy(device, s),
            DeviceKinds.WaterPulse => Water(s),
            DeviceKinds.RainGauge => new PulseUnit(QuantityVocabulary.Rainfall, Positive(s, "mm_per_tip")),
            DeviceKinds.Scale => new PulseUnit(QuantityVocabulary.Mass, Positive(s, "kg_per_pulse")),
            _ => throw new ArgumentException($"device '{device.Id}': kind '{device.Kind}' is not a pulse input"),
        };
    }

    private static PulseUnit Water(DeviceSettings s) => new(QuantityVocabulary.WaterVolume, Positive(s, "litres_per_pulse"));

    private static PulseUnit Energy(Device device, DeviceSettings s)
    {
        decimal kwhPerPulse = (s.Has("wh_per_pulse"), s.Has("pulses_per_kwh")) switch
        {
            (true, false) => Positive(s, "wh_per_pulse") / 1000m,
            (false, true) => 1m / Positive(s, "pulses_per_kwh"),
            _ => throw new FormatException($"device '{device.Id}' (s0_pulse) needs exactly one of 'wh_per_pulse' or 'pulses_per_kwh' (the meter's imp/kWh, printed next to its S0 terminals)."),
        };
        var fallback = device.Role is Roles.HouseholdMeter ? QuantityNames.EnergyImport : QuantityNames.EnergyProduced;
        var name = s.Choice("quantity", fallback, QuantityNames.EnergyImport, QuantityNames.EnergyExport, QuantityNames.EnergyProduced);
        QuantityVocabulary.TryGet(name, out var quantity);
        return new PulseUnit(quantity, kwhPerPulse);
    }

    private static decimal Positive(DeviceSettings s, string key) => (decimal)s.RequireNumber(key, min: 1e-9, max: 1e6);
}
