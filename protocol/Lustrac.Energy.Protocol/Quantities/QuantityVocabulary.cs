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
    public static readonly Quantity ActivePower = new(QuantityNames.ActivePower, "W", QuantityKind.Gauge, -1_000_000, 1_000_000,
        "Active power, positive in the device's forward direction (import for meters, production for inverters).");
    public static readonly Quantity EnergyImport = new(QuantityNames.EnergyImport, "kWh", QuantityKind.Counter, 0, 1e9,
        "Cumulative active energy imported (grid to home) as counted by the meter.");
    public static readonly Quantity EnergyExport = new(QuantityNames.EnergyExport, "kWh", QuantityKind.Counter, 0, 1e9,
        "Cumulative active energy exported (home to grid) as counted by the meter.");
    public static readonly Quantity EnergyProduced = new(QuantityNames.EnergyProduced, "kWh", QuantityKind.Counter, 0, 1e9,
        "Cumulative AC energy produced by an inverter or PV meter.");
    public static readonly Quantity EnergyCharged = new(QuantityNames.EnergyCharged, "kWh", QuantityKind.Counter, 0, 1e9,
        "Cumulative energy into a battery.");
    public static readonly Quantity EnergyDischarged = new(QuantityNames.EnergyDischarged, "kWh", QuantityKind.Counter, 0, 1e9,
        "Cumulative energy out of a battery.");
    public static readonly Quantity Voltage = new(QuantityNames.Voltage, "V", QuantityKind.Gauge, 0, 1000, "RMS voltage, phase to neutral.");
    public static readonly Quantity Current = new(QuantityNames.Current, "A", QuantityKind.Gauge, -1000, 1000, "RMS current.");
    public static readonly Quantity Frequency = new(QuantityNames.Frequency, "Hz", QuantityKind.Gauge, 40, 70, "Grid frequency.");
    public static readonly Quantity WaterVolume = new(QuantityNames.WaterVolume, "L", QuantityKind.Counter, 0, 1e12,
        "Cumulative water volume through a meter.");
    public static readonly Quantity WaterFlow = new(QuantityNames.WaterFlow, "L/min", QuantityKind.Gauge, 0, 10_000, "Water flow rate.");
    public static readonly Quantity TankLevel = new(QuantityNames.TankLevel, "m", QuantityKind.Gauge, 0, 20, "Water depth in a tank.");
    public static readonly Quantity TankVolume = new(QuantityNames.TankVolume, "L", QuantityKind.Gauge, 0, 1e7, "Water volume stored in a tank.");
    public static readonly Quantity Temperature = new(QuantityNames.Temperature, "degC", QuantityKind.Gauge, -55, 125,
        "Temperature (the DS18B20 range).");
    public static readonly Quantity Rainfall = new(QuantityNames.Rainfall, "mm", QuantityKind.Counter, 0, 1e7, "Cumulative rainfall from a gauge.");
    public static readonly Quantity Mass = new(QuantityNames.Mass, "kg", QuantityKind.Counter, 0, 1e9, "Cumulative mass weighed in (compost).");
    public static readonly Quantity Irradiance = new(QuantityNames.Irradiance, "W/m2", QuantityKind.Gauge, 0, 2000, "Plane-of-array irradiance.");

    // What three-phase meters and inverters know beyond the totals (Eastron SDM630 registers, SunSpec points).
    public static readonly Quantity VoltageL2 = new(QuantityNames.VoltageL2, "V", QuantityKind.Gauge, 0, 1000, "RMS voltage, phase 2 to neutral.");
    public static readonly Quantity VoltageL3 = new(QuantityNames.VoltageL3, "V", QuantityKind.Gauge, 0, 1000, "RMS voltage, phase 3 to neutral.");
    public static readonly Quantity CurrentL1 = PhaseCurrent(QuantityNames.CurrentL1, 1);
    public static readonly Quantity CurrentL2 = PhaseCurrent(QuantityNames.CurrentL2, 2);
    public static readonly Quantity CurrentL3 = PhaseCurrent(QuantityNames.CurrentL3, 3);
    public static readonly Quantity ActivePowerL1 = PhasePower(QuantityNames.ActivePowerL1, 1);
    public static readonly Quantity ActivePowerL2 = PhasePower(QuantityNames.ActivePowerL2, 2);
    public static readonly Quantity ActivePowerL3 = PhasePower(QuantityNames.ActivePowerL3, 3);
    public static readonly Quantity PowerFactor = new(QuantityNames.PowerFactor, "1", QuantityKind.Gauge, -1, 1,
        "Total power factor as the meter signs it (Eastron: negative when the reactive power is capacitive).");
    public static readonly Quantity PowerFactorL1 = PhasePowerFactor(QuantityNames.PowerFactorL1, 1);
    public static readonly Quantity PowerFactorL2 = PhasePowerFactor(QuantityNames.PowerFactorL2, 2);
    public static readonly Quantity PowerFactorL3 = PhasePowerFactor(QuantityNames.PowerFactorL3, 3);
    public static readonly Quantity ReactiveEnergyImport = new(QuantityNames.ReactiveEnergyImport, "kvarh", QuantityKind.Counter, 0, 1e9,
        "Cumulative reactive energy counted by the meter's import register.");
    public static readonly Quantity ReactiveEnergyExport = new(QuantityNames.ReactiveEnergyExport, "kvarh", QuantityKind.Counter, 0, 1e9,
        "Cumulative reactive energy counted by the meter's export register.");
    public static readonly Quantity InverterState = new(QuantityNames.InverterState, "state", QuantityKind.Gauge, 1, 8,
        "SunSpec operating state St: 1 off, 2 sleeping, 3 starting, 4 MPPT, 5 throttled, 6 shutting down, 7 fault, 8 standby.");

    // What a French Linky meter tells on its customer port (TIC): apparent power, and the billing indexes of each tariff.
    public static readonly Quantity ApparentPower = new(QuantityNames.ApparentPower, "VA", QuantityKind.Gauge, 0, 1_000_000,
        "Apparent power drawn from the grid (Linky TIC PAPP / SINSTS); the TIC port gives no active power.");
    public static readonly IReadOnlyList<Quantity> EnergyImportTariffs = Enumerable.Range(1, 10).Select(TariffIndex).ToArray();

    private static Quantity TariffIndex(int n) => new(QuantityNames.EnergyImportTariff(n), "kWh", QuantityKind.Counter, 0, 1e9,
        $"Cumulative energy imported during supplier tariff period {n} (Linky TIC EASF{n:D2}; historique mode: the n-th index of the tariff option, e.g. HCHC = 01, HCHP = 02).");

    private static Quantity PhaseCurrent(string name, int phase) => new(name, "A", QuantityKind.Gauge, -1000, 1000, $"RMS current of phase {phase}.");

    private static Quantity PhasePower(string name, int phase) => new(name, "W", QuantityKind.Gauge, -1_000_000, 1_000_000,
        $"Active power of phase {phase}, forward-positive like active_power.");

    private static Quantity PhasePowerFactor(string name, int phase) => new(name, "1", QuantityKind.Gauge, -1, 1, $"Power factor of phase {phase}.");

    public static readonly IReadOnlyList<Quantity> All =
    [
        ActivePower, EnergyImport, EnergyExport, EnergyProduced, EnergyCharged, EnergyDischarged,
        Voltage, Current, Frequency, WaterVolume, WaterFlow, TankLevel, TankVolume, Temperature,
        Rainfall, Mass, Irradiance,
        VoltageL2, VoltageL3, CurrentL1, CurrentL2, CurrentL3, ActivePowerL1, ActivePowerL2, ActivePowerL3,
        PowerFactor, PowerFactorL1, PowerFactorL2, PowerFactorL3, ReactiveEnergyImport, ReactiveEnergyExport, InverterState,
        ApparentPower, .. EnergyImportTariffs,
    ];

    private static readonly FrozenDictionary<string, Quantity> ByName = All.ToFrozenDictionary(q => q.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out Quantity quantity) => ByName.TryGetValue(name, out quantity!);
}
