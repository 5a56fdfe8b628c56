using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// The golden site: <see cref="TestSite"/>'s two homes and shared array, plus water meters (h01 rain and mains, h02
/// mains only), a 2 m vertical-cylinder tank under a 100 m² roof with a depth sensor, a rain gauge, a windrow compost
/// pile with two probes (UK housed windrow: 60 °C for 8 days with 3 turnings), compost scales (diverted and residual)
/// and static shares (70/30) so that /api/autonomy/compare shows every key. The site's own key stays default dynamic.
/// </summary>
public static class AutonomyTestSite
{
    public static string Yaml(string siteId = "test") => $"""
        site:
          id: {siteId}
          latitude: 44.4
          longitude: 0.85
        allocation:
          key: default_dynamic
          static_shares:
            h01: 0.7
            h02: 0.3
        # The golden figures are read by the operator at every resolution, so both homes consent (the privacy rules
        # themselves are tested in PrivacyTests and the resident screen's tests).
        households:
          - id: h01
            consent_fine_data: true
          - id: h02
            consent_fine_data: true
        assets:
          - id: pv-1
            kind: pv_array
            peak_kw: 9
          - id: tank-1
            kind: rain_tank
            shape: vertical_cylinder
            diameter_m: 2.0
            height_m: 2.0
            roof_area_m2: 100
          - id: compost-1
            kind: compost_pile
            sanitisation_rule: uk_housed_windrow
        gateways:
          - id: gw-1
            poll_seconds: 1
        devices:
          - id: h01-meter
            gateway: gw-1
            kind: sdm630
            bus: modbus-tcp://127.0.0.1:1502
            address: 1
            role: household_meter
            household: h01
          - id: h02-meter
            gateway: gw-1
            kind: sdm630
            bus: modbus-tcp://127.0.0.1:1502
            address: 2
            role: household_meter
            household: h02
          - id: pv-1-inverter
            gateway: gw-1
            kind: sunspec_inverter
            bus: modbus-tcp://127.0.0.1:1502
            address: 3
            role: pv_production
            asset: pv-1
          - id: h01-water-mains
            gateway: gw-1
            kind: water_pulse
            bus: gpio://17
            role: water_mains
            household: h01
          - id: h01-water-rain
            gateway: gw-1
            kind: water_pulse
            bus: gpio://18
            role: water_rain
            household: h01
          - id: h02-water-mains
            gateway: gw-1
            kind: water_pulse
            bus: gpio://19
            role: water_mains
            household: h02
          - id: tank-1-level
            gateway: gw-1
            kind: tank_level_4_20ma
            bus: i2c://1/0x48
            role: tank_level
            asset: tank-1
          - id: rain-gauge
            gateway: gw-1
            kind: rain_gauge
            bus: gpio://23
            role: rain_gauge
          - id: compost-1-top
            gateway: gw-1
            kind: ds18b20
            bus: w1://28-000000000001
            role: compost_temperature
            asset: compost-1
          - id: compost-1-core
            gateway: gw-1
            kind: ds18b20
            bus: w1://28-000000000002
            role: compost_temperature
            asset: compost-1
          - id: scale-compost
            gateway: gw-1
            kind: scale
            bus: gpio://24
            role: compost_scale
          - id: scale-residual
            gateway: gw-1
            kind: scale
            bus: gpio://25
            role: compost_scale
            settings:
              stream: residual
        """;

    public static SiteModel Model(string siteId = "test") => SiteLoader.Parse(Yaml(siteId));

    /// <summary>
    /// One home with its own PV and a home battery (and no shared array): the battery charged from PV on one local
    /// day and discharged on the next.
    /// </summary>
    public static SiteModel BatteryModel() => SiteLoader.Parse("""
        site:
          id: test
          latitude: 44.4
          longitude: 0.85
        households:
          - id: h01
        assets:
          - id: bat-1
            kind: battery
            household: h01
        gateways:
          - id: gw-1
        devices:
          - id: h01-meter
            gateway: gw-1
            kind: sdm630
            bus: modbus-tcp://127.0.0.1:1502
            address: 1
            role: household_meter
            household: h01
          - id: h01-pv
            gateway: gw-1
            kind: sdm120
            bus: modbus-tcp://127.0.0.1:1502
            address: 2
            role: household_pv
            household: h01
          - id: h01-battery
            gateway: gw-1
            kind: sdm120
            bus: modbus-tcp://127.0.0.1:1502
            address: 3
            role: battery
            asset: bat-1
        """);
}
