using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// The golden site: <see cref="TestSite"/>'s two homes and shared array, plus water meters (h01 rain and mains, h02
/// mains only), a 2 m vertical-cylinder tank under a 100 m² roof with a depth sensor, a rain gauge, a windrow compost
/// pile with two probes (UK housed windrow: 60 °C for 8 days with 3 turnings), compost scales (diverted and residual)
/// and static shares (70/30) so that /api/autonomy/compare shows every key. The site's own key stays default dynamic.
/// </summary>
public static class AutonomyTestSite
{
    private const string Bus = "modbus-tcp://127.0.0.1:1502";

    // The golden figures are read by the operator at every resolution, so both homes consent (the privacy rules
    // themselves are tested in PrivacyTests and the resident screen's tests).
    public static string Yaml(string siteId = "test") => TestSites.Builder(siteId)
        .Allocation("default_dynamic", ("h01", 0.7), ("h02", 0.3))
        .Household("h01", consent: true).Household("h02", consent: true)
        .Asset("pv-1", AssetKind.PvArray, ("peak_kw", 9))
        .Asset("tank-1", AssetKind.RainTank, ("shape", "vertical_cylinder"), ("diameter_m", 2.0), ("height_m", 2.0), ("roof_area_m2", 100))
        .Asset("compost-1", AssetKind.CompostPile, ("sanitisation_rule", "uk_housed_windrow"))
        .Gateway("gw-1", pollSeconds: 1)
        .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, Bus, Roles.HouseholdMeter, household: "h01", address: 1)
        .Device("h02-meter", "gw-1", DeviceKinds.Sdm630, Bus, Roles.HouseholdMeter, household: "h02", address: 2)
        .Device("pv-1-inverter", "gw-1", DeviceKinds.SunSpecInverter, Bus, Roles.PvProduction, asset: "pv-1", address: 3)
        .Device("h01-water-mains", "gw-1", DeviceKinds.WaterPulse, "gpio://17", Roles.WaterMains, household: "h01")
        .Device("h01-water-rain", "gw-1", DeviceKinds.WaterPulse, "gpio://18", Roles.WaterRain, household: "h01")
        .Device("h02-water-mains", "gw-1", DeviceKinds.WaterPulse, "gpio://19", Roles.WaterMains, household: "h02")
        .Device("tank-1-level", "gw-1", DeviceKinds.TankLevel4To20mA, "i2c://1/0x48", Roles.TankLevel, asset: "tank-1")
        .Device("rain-gauge", "gw-1", DeviceKinds.RainGauge, "gpio://23", Roles.RainGauge)
        .Device("compost-1-top", "gw-1", DeviceKinds.Ds18b20, "w1://28-000000000001", Roles.CompostTemperature, asset: "compost-1")
        .Device("compost-1-core", "gw-1", DeviceKinds.Ds18b20, "w1://28-000000000002", Roles.CompostTemperature, asset: "compost-1")
        .Device("scale-compost", "gw-1", DeviceKinds.Scale, "gpio://24", Roles.CompostScale)
        .Device("scale-residual", "gw-1", DeviceKinds.Scale, "gpio://25", Roles.CompostScale, settings: ("stream", "residual"))
        .ToYaml();

    public static SiteModel Model(string siteId = "test") => SiteLoader.Parse(Yaml(siteId));

    /// <summary>
    /// One home with its own PV and a home battery (and no shared array): the battery charged from PV on one local
    /// day and discharged on the next.
    /// </summary>
    public static SiteModel BatteryModel() => TestSites.Builder("test").Household("h01")
        .Asset("bat-1", AssetKind.Battery, ("household", "h01"))
        .Gateway("gw-1")
        .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, Bus, Roles.HouseholdMeter, household: "h01", address: 1)
        .Device("h01-pv", "gw-1", DeviceKinds.Sdm120, Bus, Roles.HouseholdPv, household: "h01", address: 2)
        .Device("h01-battery", "gw-1", DeviceKinds.Sdm120, Bus, Roles.Battery, asset: "bat-1", address: 3)
        .Model();
}
