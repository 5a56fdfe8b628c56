namespace Lustrac.Energy.Gateway;

/// <summary>Bound from the "Gateway" configuration section (or --site / --gateway on the command line).</summary>
public sealed class GatewaySettings
{
    /// <summary>Path of the site file shared by every component.</summary>
    public string SiteFile { get; set; } = "site/lustrac.site.yaml";

    /// <summary>Which gateway of the site file this Pi is.</summary>
    public string Id { get; set; } = "";

    public int ModbusTimeoutMs { get; set; } = 1000;

    /// <summary>Further attempts on a Modbus RTU line after a timeout or a bad CRC.</summary>
    public int ModbusRetries { get; set; } = 2;

    /// <summary>Where pulse counts are persisted, one small file per pulse device (on a Pi: /var/lib/lustrac/state).</summary>
    public string StateFolder { get; set; } = "state";

    /// <summary>Where the Linux w1 driver lists DS18B20 probes.</summary>
    public string W1Root { get; set; } = "/sys/bus/w1/devices";
}
