namespace Lustrac.Energy.Gateway;

/// <summary>Bound from the "Gateway" configuration section (or --site / --gateway on the command line).</summary>
public sealed class GatewaySettings
{
    /// <summary>Path of the site file shared by every component.</summary>
    public string SiteFile { get; set; } = "site/lustrac.site.yaml";

    /// <summary>Which gateway of the site file this Pi is.</summary>
    public string Id { get; set; } = "";

    public int ModbusTimeoutMs { get; set; } = 1000;
}
