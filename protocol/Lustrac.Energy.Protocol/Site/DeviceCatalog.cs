namespace Lustrac.Energy.Protocol.Site;

/// <summary>The device kinds and roles the site file may name, and which roles each kind can play.</summary>
public static class DeviceCatalog
{
    public static readonly IReadOnlyDictionary<string, string[]> RolesByKind = new Dictionary<string, string[]>
    {
        [DeviceKinds.Sdm120] = [Roles.HouseholdMeter, Roles.HouseholdPv, Roles.PvProduction, Roles.Battery],
        [DeviceKinds.Sdm630] = [Roles.HouseholdMeter, Roles.HouseholdPv, Roles.PvProduction, Roles.Battery],
        [DeviceKinds.SunSpecInverter] = [Roles.HouseholdPv, Roles.PvProduction],
        [DeviceKinds.SunSpecMeter] = [Roles.HouseholdMeter, Roles.HouseholdPv, Roles.PvProduction],
        [DeviceKinds.S0Pulse] = [Roles.HouseholdMeter, Roles.HouseholdPv, Roles.PvProduction, Roles.WaterMains, Roles.WaterRain],
        [DeviceKinds.WaterPulse] = [Roles.WaterMains, Roles.WaterRain],
        [DeviceKinds.Ds18b20] = [Roles.CompostTemperature],
        [DeviceKinds.TankLevel4To20mA] = [Roles.TankLevel],
        [DeviceKinds.TankLevelUltrasonic] = [Roles.TankLevel],
        [DeviceKinds.RainGauge] = [Roles.RainGauge],
        [DeviceKinds.Scale] = [Roles.CompostScale],
        [DeviceKinds.LinkyTic] = [Roles.HouseholdMeter],
    };

    /// <summary>Kinds that only speak Modbus. A scale may be on Modbus or count pulses on GPIO.</summary>
    public static bool IsModbus(string kind) => kind is DeviceKinds.Sdm120 or DeviceKinds.Sdm630 or DeviceKinds.SunSpecInverter or DeviceKinds.SunSpecMeter;

    /// <summary>A Linky's customer port is a receive-only serial line: <c>tic:///dev/ttyAMA0</c> or a USB adapter's path.</summary>
    public static bool IsTicBus(string bus) => bus.StartsWith("tic:///", StringComparison.Ordinal);

    public static bool IsModbusBus(string bus) => bus.StartsWith("modbus-tcp://", StringComparison.Ordinal) || bus.StartsWith("modbus-rtu://", StringComparison.Ordinal);
}

public static class Roles
{
    /// <summary>The household's grid connection: import and export counters.</summary>
    public const string HouseholdMeter = "household_meter";
    /// <summary>PV on a household's own roof.</summary>
    public const string HouseholdPv = "household_pv";
    /// <summary>A shared PV array whose production is allocated between households.</summary>
    public const string PvProduction = "pv_production";
    public const string Battery = "battery";
    public const string WaterMains = "water_mains";
    public const string WaterRain = "water_rain";
    public const string TankLevel = "tank_level";
    public const string CompostTemperature = "compost_temperature";
    public const string RainGauge = "rain_gauge";
    public const string CompostScale = "compost_scale";

    /// <summary>Roles that belong to a household and must name it.</summary>
    public static bool NeedsHousehold(string role) => role is HouseholdMeter or HouseholdPv or WaterMains or WaterRain;

    /// <summary>Roles that measure an asset and must name it.</summary>
    public static bool NeedsAsset(string role) => role is PvProduction or TankLevel or CompostTemperature or Battery;
}
