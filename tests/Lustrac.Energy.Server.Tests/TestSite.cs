using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests;

/// <summary>A two-household site for server tests; the site id is a parameter so tests sharing a broker never collide.</summary>
public static class TestSite
{
    public static string Yaml(string siteId = "test", int modbusPort = 1502) => Builder(siteId, modbusPort).ToYaml();

    public static SiteModel Model(string siteId = "test") => SiteLoader.Parse(Yaml(siteId));

    /// <summary>Two homes' SDM630 meters and the shared array's inverter on one Modbus bus, polled every second.</summary>
    private static TestSites Builder(string siteId, int modbusPort)
    {
        var bus = $"modbus-tcp://127.0.0.1:{modbusPort}";
        return TestSites.Builder(siteId).Household("h01").Household("h02")
            .Asset("pv-1", AssetKind.PvArray, ("peak_kw", 9))
            .Gateway("gw-1", pollSeconds: 1)
            .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, bus, Roles.HouseholdMeter, household: "h01", address: 1)
            .Device("h02-meter", "gw-1", DeviceKinds.Sdm630, bus, Roles.HouseholdMeter, household: "h02", address: 2)
            .Device("pv-1-inverter", "gw-1", DeviceKinds.SunSpecInverter, bus, Roles.PvProduction, asset: "pv-1", address: 3);
    }
}
