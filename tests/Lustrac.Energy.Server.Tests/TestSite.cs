using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Tests;

/// <summary>A two-household site for server tests; the site id is a parameter so tests sharing a broker never collide.</summary>
public static class TestSite
{
    public static string Yaml(string siteId = "test", int modbusPort = 1502) => $"""
        site:
          id: {siteId}
          latitude: 44.4
          longitude: 0.85
        households:
          - id: h01
          - id: h02
        assets:
          - id: pv-1
            kind: pv_array
            peak_kw: 9
        gateways:
          - id: gw-1
            poll_seconds: 1
        devices:
          - id: h01-meter
            gateway: gw-1
            kind: sdm630
            bus: modbus-tcp://127.0.0.1:{modbusPort}
            address: 1
            role: household_meter
            household: h01
          - id: h02-meter
            gateway: gw-1
            kind: sdm630
            bus: modbus-tcp://127.0.0.1:{modbusPort}
            address: 2
            role: household_meter
            household: h02
          - id: pv-1-inverter
            gateway: gw-1
            kind: sunspec_inverter
            bus: modbus-tcp://127.0.0.1:{modbusPort}
            address: 3
            role: pv_production
            asset: pv-1
        """;

    public static SiteModel Model(string siteId = "test") => SiteLoader.Parse(Yaml(siteId));
}
