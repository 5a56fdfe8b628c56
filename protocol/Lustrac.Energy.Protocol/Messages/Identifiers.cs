namespace Lustrac.Energy.Protocol.Messages;

/// <summary>
/// Ids of sites, gateways, devices, households and assets. Kept to a safe alphabet because they become MQTT
/// topic levels, InfluxDB tags and URL segments: no escaping surprises anywhere.
/// </summary>
public static class Identifiers
{
    public const string Rule = "1 to 64 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit";

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64) return false;
        if (!char.IsAsciiLetterLower(id[0]) && !char.IsAsciiDigit(id[0])) return false;
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || c == '_')) return false;
        }
        return true;
    }
}
