namespace Lustrac.Energy.Protocol.Quantities;

/// <summary>
/// The names of the quantities of contract v1 as constants, for switches and patterns; <see cref="QuantityVocabulary"/>
/// gives each its unit, kind, plausible range and meaning. Code outside protocol/ names a quantity only through these.
/// </summary>
public static class QuantityNames
{
    public const string ActivePower = "active_power";
    public const string EnergyImport = "energy_import";
    public const string EnergyExport = "energy_export";
    public const string EnergyProduced = "energy_produced";
    public const string EnergyCharged = "energy_charged";
    public const string EnergyDischarged = "energy_discharged";
    public const string Voltage = "voltage";
    public const string Current = "current";
    public const string Frequency = "frequency";
    public const string WaterVolume = "water_volume";
    public const string WaterFlow = "water_flow";
    public const string TankLevel = "tank_level";
    public const string TankVolume = "tank_volume";
    public const string Temperature = "temperature";
    public const string Rainfall = "rainfall";
    public const string Mass = "mass";
    public const string Irradiance = "irradiance";
    public const string VoltageL2 = "voltage_l2";
    public const string VoltageL3 = "voltage_l3";
    public const string PowerFactor = "power_factor";
    public const string ReactiveEnergyImport = "reactive_energy_import";
    public const string ReactiveEnergyExport = "reactive_energy_export";
    public const string InverterState = "inverter_state";
    public const string CurrentL1 = "current_l1";
    public const string CurrentL2 = "current_l2";
    public const string CurrentL3 = "current_l3";
    public const string ActivePowerL1 = "active_power_l1";
    public const string ActivePowerL2 = "active_power_l2";
    public const string ActivePowerL3 = "active_power_l3";
    public const string PowerFactorL1 = "power_factor_l1";
    public const string PowerFactorL2 = "power_factor_l2";
    public const string PowerFactorL3 = "power_factor_l3";
    /// <summary>Linky TIC: apparent power (PAPP / SINSTS).</summary>
    public const string ApparentPower = "apparent_power";

    /// <summary>Linky TIC: the import index of each supplier tariff period (EASF01 … EASF10; historique: HCHC = 01, HCHP = 02 …).</summary>
    public const string EnergyImportTariff01 = "energy_import_tariff_01";
    public const string EnergyImportTariff02 = "energy_import_tariff_02";
    public const string EnergyImportTariff03 = "energy_import_tariff_03";
    public const string EnergyImportTariff04 = "energy_import_tariff_04";
    public const string EnergyImportTariff05 = "energy_import_tariff_05";
    public const string EnergyImportTariff06 = "energy_import_tariff_06";
    public const string EnergyImportTariff07 = "energy_import_tariff_07";
    public const string EnergyImportTariff08 = "energy_import_tariff_08";
    public const string EnergyImportTariff09 = "energy_import_tariff_09";
    public const string EnergyImportTariff10 = "energy_import_tariff_10";

    private static readonly string[] Tariffs = [EnergyImportTariff01, EnergyImportTariff02, EnergyImportTariff03, EnergyImportTariff04,
        EnergyImportTariff05, EnergyImportTariff06, EnergyImportTariff07, EnergyImportTariff08, EnergyImportTariff09, EnergyImportTariff10];

    /// <summary>The import index of supplier tariff period n (1 … 10).</summary>
    public static string EnergyImportTariff(int n) => Tariffs[n - 1];
}
