using Lustrac.Energy.Protocol.Quantities;

namespace Lustrac.Energy.Protocol.Site;

/// <summary>The balances the server computes from readings (DOMAIN.md): energy, water, the rain tanks and compost.</summary>
public enum Balance { Energy, Water, Tank, Compost }

/// <summary>
/// What a device in one role gives the figures: the counters differenced into interval values, and the gauges read as
/// they are (a grid meter's power fills intervals its counters leave missing; a tank's depth or volume; a pile's temperature).
/// </summary>
public sealed record RoleFeed(string Role, Balance Balance, IReadOnlyList<string> Counters, IReadOnlyList<string> Gauges)
{
    public IEnumerable<string> Quantities => Counters.Concat(Gauges);
}

/// <summary>
/// The one table of which device quantities feed which balance, by role. The server reads the readings it computes
/// from, counts a meter as reporting, and decides which stored readings call for a recomputation, all from this table.
/// </summary>
public static class BalanceFeeds
{
    /// <summary>Import and export, so a household meter reports only when both counters do; power for estimates.</summary>
    public static readonly RoleFeed HouseholdMeter = new(Roles.HouseholdMeter, Balance.Energy,
        [QuantityNames.EnergyImport, QuantityNames.EnergyExport], [QuantityNames.ActivePower]);
    public static readonly RoleFeed HouseholdPv = new(Roles.HouseholdPv, Balance.Energy, [QuantityNames.EnergyProduced], []);
    public static readonly RoleFeed SharedPv = new(Roles.PvProduction, Balance.Energy, [QuantityNames.EnergyProduced], []);
    public static readonly RoleFeed Battery = new(Roles.Battery, Balance.Energy, [QuantityNames.EnergyCharged, QuantityNames.EnergyDischarged], []);
    public static readonly RoleFeed WaterMains = new(Roles.WaterMains, Balance.Water, [QuantityNames.WaterVolume], []);
    public static readonly RoleFeed WaterRain = new(Roles.WaterRain, Balance.Water, [QuantityNames.WaterVolume], []);
    /// <summary>Rain on the tanks' catchment: part of the tank balance.</summary>
    public static readonly RoleFeed RainGauge = new(Roles.RainGauge, Balance.Tank, [QuantityNames.Rainfall], []);
    /// <summary>A tank sensor gives its depth (it may publish a volume too, which the figures leave aside)...</summary>
    public static readonly RoleFeed TankDepthSensor = new(Roles.TankLevel, Balance.Tank, [], [QuantityNames.TankLevel]);
    /// <summary>...unless it says <c>reports: volume</c> (<see cref="ReportsSetting"/>): then its volume.</summary>
    public static readonly RoleFeed TankVolumeSensor = new(Roles.TankLevel, Balance.Tank, [], [QuantityNames.TankVolume]);
    public static readonly RoleFeed CompostScale = new(Roles.CompostScale, Balance.Compost, [QuantityNames.Mass], []);
    public static readonly RoleFeed CompostProbe = new(Roles.CompostTemperature, Balance.Compost, [], [QuantityNames.Temperature]);

    public static readonly IReadOnlyList<RoleFeed> All =
        [HouseholdMeter, HouseholdPv, SharedPv, Battery, WaterMains, WaterRain, RainGauge, TankDepthSensor, TankVolumeSensor, CompostScale, CompostProbe];

    /// <summary>The device setting by which a tank sensor says what it reports, and its value for a volume.</summary>
    public const string ReportsSetting = "reports";
    public const string ReportsVolume = "volume";

    /// <summary>What <paramref name="device"/> feeds, by its role (and, for a tank sensor, its <c>reports</c> setting).</summary>
    public static RoleFeed Of(Device device)
    {
        if (device.Role == Roles.TankLevel)
            return device.Settings.TryGetValue(ReportsSetting, out var r) && r == ReportsVolume ? TankVolumeSensor : TankDepthSensor;
        return All.FirstOrDefault(f => f.Role == device.Role)
            ?? throw new ArgumentException($"device '{device.Id}': role '{device.Role}' feeds no balance; add it to {nameof(BalanceFeeds)}", nameof(device));
    }
}
