namespace Lustrac.Energy.Protocol.Site;

/// <summary>
/// The device kinds a site file may name (<c>kind:</c>), as constants; <see cref="DeviceCatalog"/> says which roles each
/// can play. Code outside protocol/ names a kind only through these.
/// </summary>
public static class DeviceKinds
{
    /// <summary>Eastron single-phase meter, Modbus RTU/TCP.</summary>
    public const string Sdm120 = "sdm120";
    /// <summary>Eastron three-phase meter, Modbus RTU/TCP.</summary>
    public const string Sdm630 = "sdm630";
    public const string SunSpecInverter = "sunspec_inverter";
    public const string SunSpecMeter = "sunspec_meter";
    /// <summary>An S0 pulse output (energy, or water on a water role) counted on GPIO.</summary>
    public const string S0Pulse = "s0_pulse";
    public const string WaterPulse = "water_pulse";
    /// <summary>A 1-Wire temperature probe read through the w1 sysfs files.</summary>
    public const string Ds18b20 = "ds18b20";
    /// <summary>A hydrostatic 4-20 mA depth sensor.</summary>
    public const string TankLevel4To20mA = "tank_level_4_20ma";
    public const string TankLevelUltrasonic = "tank_level_ultrasonic";
    /// <summary>A tipping-bucket gauge counted on GPIO (also the role's name).</summary>
    public const string RainGauge = "rain_gauge";
    /// <summary>A scale on Modbus, or counting pulses on GPIO.</summary>
    public const string Scale = "scale";
    /// <summary>A Linky meter read on its customer port (TIC) over a serial line.</summary>
    public const string LinkyTic = "linky_tic";

    public static readonly IReadOnlyList<string> All =
        [Sdm120, Sdm630, SunSpecInverter, SunSpecMeter, S0Pulse, WaterPulse, Ds18b20, TankLevel4To20mA, TankLevelUltrasonic, RainGauge, Scale, LinkyTic];
}
