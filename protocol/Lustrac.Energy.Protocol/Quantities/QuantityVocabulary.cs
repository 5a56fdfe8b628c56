using System.Collections.Frozen;

namespace Lustrac.Energy.Protocol.Quantities;

/// <summary>
/// The fixed vocabulary of quantities of contract v1. Sign convention, stated once:
/// power is positive in the device's forward direction — for a grid or household meter that is
/// <b>import</b> (energy flowing from the grid into the home), for a PV inverter it is <b>production</b>,
/// for a battery it is <b>discharge</b>. Energy counters are never signed: import and export are two counters.
/// </summary>
public static class QuantityVocabulary
{
    public static readonly Quantity ActivePower = new("active_power", "W", QuantityKind.Gauge, -1_000_000, 1_000_000,
        "Active power, positive in the device's forward direction (import for meters, production for inverters).");
    public static readonly Quantity EnergyImport = new("energy_import", "kWh", QuantityKind.Counter, 0, 1e9,
        "Cumulative active energy imported (grid to home) as counted by the meter.");
    public static readonly Quantity EnergyExport = new("energy_export", "kWh", QuantityKind.Counter, 0, 1e9,
        "Cumulative active energy exported (home to grid) as counted by the meter.");
    public static readonly Quantity EnergyProduced = new("energy_produced", "kWh", QuantityKind.Counter, 0, 1e9,
        "Cumulative AC energy produced by an inverter or PV meter.");
    public static readonly Quantity EnergyCharged = new("energy_charged", "kWh", QuantityKind.Counter, 0, 1e9,
        "Cumulative energy into a battery.");
    public static readonly Quantity EnergyDischarged = new("energy_discharged", "kWh", QuantityKind.Counter, 0, 1e9,
        "Cumulative energy out of a battery.");
    public static readonly Quantity Voltage = new("voltage", "V", QuantityKind.Gauge, 0, 1000, "RMS voltage, phase to neutral.");
    public static readonly Quantity Current = new("current", "A", QuantityKind.Gauge, -1000, 1000, "RMS current.");
    public static readonly Quantity Frequency = new("frequency", "Hz", QuantityKind.Gauge, 40, 70, "Grid frequency.");
    public static readonly Quantity WaterVolume = new("water_volume", "L", QuantityKind.Counter, 0, 1e12,
        "Cumulative water volume through a meter.");
    public static readonly Quantity WaterFlow = new("water_flow", "L/min", QuantityKind.Gauge, 0, 10_000, "Water flow rate.");
    public static readonly Quantity TankLevel = new("tank_level", "m", QuantityKind.Gauge, 0, 20, "Water depth in a tank.");
    public static readonly Quantity TankVolume = new("tank_volume", "L", QuantityKind.Gauge, 0, 1e7, "Water volume stored in a tank.");
    public static readonly Quantity Temperature = new("temperature", "degC", QuantityKind.Gauge, -55, 125,
        "Temperature (the DS18B20 range).");
    public static readonly Quantity Rainfall = new("rainfall", "mm", QuantityKind.Counter, 0, 1e7, "Cumulative rainfall from a gauge.");
    public static readonly Quantity Mass = new("mass", "kg", QuantityKind.Counter, 0, 1e9, "Cumulative mass weighed in (compost).");
    public static readonly Quantity Irradiance = new("irradiance", "W/m2", QuantityKind.Gauge, 0, 2000, "Plane-of-array irradiance.");

    public static readonly IReadOnlyList<Quantity> All =
    [
        ActivePower, EnergyImport, EnergyExport, EnergyProduced, EnergyCharged, EnergyDischarged,
        Voltage, Current, Frequency, WaterVolume, WaterFlow, TankLevel, TankVolume, Temperature,
        Rainfall, Mass, Irradiance,
    ];

    private static readonly FrozenDictionary<string, Quantity> ByName = All.ToFrozenDictionary(q => q.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out Quantity quantity) => ByName.TryGetValue(name, out quantity!);
}
