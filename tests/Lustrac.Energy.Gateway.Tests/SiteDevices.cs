using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.Tests;

/// <summary>Site-file devices for driver tests, without a whole site file.</summary>
internal static class SiteDevices
{
    public static Device Meter(string id, string kind, string role, params (string Key, string Value)[] settings) =>
        new(id, "gw-1", kind, "modbus-tcp://127.0.0.1:1502", 1, role, null, role == Roles.HouseholdMeter ? null : "asset-1",
            settings.ToDictionary(s => s.Key, s => s.Value), new SourceLocation("site.yaml", 1, 1));
}
