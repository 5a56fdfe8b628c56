namespace Lustrac.Energy.Protocol.Messages;

/// <summary>Where a message came from, as carried by its topic.</summary>
public readonly record struct DeviceAddress(string Site, string Gateway, string Device);

/// <summary>
/// Topic scheme of contract v1: <c>lustrac/v1/{site}/{gateway}/{device}/readings</c> for samples and
/// <c>lustrac/v1/{site}/{gateway}/{device}/status</c> for device health. The version sits in the topic so
/// that a v2 can be published beside v1 during a migration.
/// </summary>
public static class Topics
{
    public const string Root = "lustrac";
    public const string Version = "v1";
    public const string ReadingsLeaf = "readings";
    public const string StatusLeaf = "status";

    /// <summary>
    /// What the server subscribes to: its whole site, not only readings and status, so a message on a mistyped
    /// topic reaches the quarantine with a reason instead of vanishing in the broker.
    /// </summary>
    public static string SiteSubtree(string site) => $"{Root}/{Version}/{site}/#";

    public static string Readings(DeviceAddress a) => $"{Root}/{Version}/{a.Site}/{a.Gateway}/{a.Device}/{ReadingsLeaf}";
    public static string Status(DeviceAddress a) => $"{Root}/{Version}/{a.Site}/{a.Gateway}/{a.Device}/{StatusLeaf}";

    /// <summary>Everything one gateway may publish under; the ACL grants exactly this.</summary>
    public static string GatewaySubtree(string site, string gateway) => $"{Root}/{Version}/{site}/{gateway}/#";

    /// <summary>Parses a readings or status topic; false with a reason for anything else.</summary>
    public static bool TryParse(string topic, out DeviceAddress address, out string leaf, out string error)
    {
        address = default;
        leaf = "";
        var parts = topic.Split('/');
        if (parts.Length != 6 || parts[0] != Root)
        {
            error = $"topic '{topic}' is not of the form {Root}/{Version}/<site>/<gateway>/<device>/readings";
            return false;
        }
        if (parts[1] != Version)
        {
            error = $"topic '{topic}' is contract version '{parts[1]}', this server speaks {Version}";
            return false;
        }
        for (var i = 2; i <= 4; i++)
        {
            if (!Identifiers.IsValid(parts[i]))
            {
                error = $"topic '{topic}': '{parts[i]}' is not a valid identifier ({Identifiers.Rule})";
                return false;
            }
        }
        if (parts[5] != ReadingsLeaf && parts[5] != StatusLeaf)
        {
            error = $"topic '{topic}' ends in '{parts[5]}', expected '{ReadingsLeaf}' or '{StatusLeaf}'";
            return false;
        }
        address = new DeviceAddress(parts[2], parts[3], parts[4]);
        leaf = parts[5];
        error = "";
        return true;
    }
}
