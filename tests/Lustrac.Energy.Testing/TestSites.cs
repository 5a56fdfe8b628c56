using System.Globalization;
using System.Text;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Testing;

/// <summary>
/// Writes a site file for a test, in the block YAML a person would write, so tests say which homes, gateways and
/// devices they need instead of repeating forty lines of YAML:
/// <c>TestSites.Builder("wd").Household("h01").Gateway("gw-1", pollSeconds: 1).Device("h01-meter", "gw-1", DeviceKinds.Sdm630, bus, Roles.HouseholdMeter, household: "h01", address: 1).ToYaml()</c>.
/// Values are written as given (kinds and roles come from protocol's constants); the loader checks them as usual.
/// </summary>
public sealed class TestSites
{
    private readonly List<string> _site;
    private readonly List<List<string>> _households = [], _assets = [], _gateways = [], _devices = [];
    private readonly List<string> _allocation = [], _settlement = [];

    private TestSites(string id, double latitude, double longitude, string? name, string? timezone, int? intervalMinutes)
    {
        _site = [$"id: {id}"];
        if (name is not null) _site.Add($"name: {Scalar(name)}");
        _site.Add($"latitude: {Number(latitude)}");
        _site.Add($"longitude: {Number(longitude)}");
        if (timezone is not null) _site.Add($"timezone: {timezone}");
        if (intervalMinutes is not null) _site.Add($"interval_minutes: {Scalar(intervalMinutes.Value)}");
    }

    /// <summary>A site at Lustrac's latitude and longitude unless told otherwise; no time zone or interval: the loader's defaults.</summary>
    public static TestSites Builder(string id, double latitude = 44.4, double longitude = 0.85, string? name = null,
        string? timezone = null, int? intervalMinutes = null) =>
        new(id, latitude, longitude, name, timezone, intervalMinutes);

    /// <param name="consent">When given, the household's <c>consent_fine_data</c> line.</param>
    /// <param name="left">When given, the day the household left the site (<c>left: YYYY-MM-DD</c>).</param>
    public TestSites Household(string id, int? occupants = null, bool? consent = null, string? name = null, DateOnly? left = null)
    {
        var lines = new List<string> { $"id: {id}" };
        if (name is not null) lines.Add($"name: {Scalar(name)}");
        if (occupants is not null) lines.Add($"occupants: {occupants.Value.ToString(CultureInfo.InvariantCulture)}");
        if (consent is not null) lines.Add($"consent_fine_data: {(consent.Value ? "true" : "false")}");
        if (left is not null) lines.Add($"left: {left.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        _households.Add(lines);
        return this;
    }

    /// <summary>The <c>allocation:</c> section: the site's key and, when given, each household's static share.</summary>
    public TestSites Allocation(string key, params (string Household, double Share)[] staticShares)
    {
        _allocation.Clear();
        _allocation.Add($"key: {key}");
        if (staticShares.Length > 0)
        {
            _allocation.Add("static_shares:");
            _allocation.AddRange(staticShares.Select(s => $"  {s.Household}: {Number(s.Share)}"));
        }
        return this;
    }

    /// <summary>The <c>settlement:</c> section's keys in order, e.g. ("step_minutes", 30), ("price_eur_per_kwh", 0.12).</summary>
    public TestSites Settlement(params (string Key, object Value)[] keys)
    {
        _settlement.Clear();
        _settlement.AddRange(keys.Select(k => $"{k.Key}: {Scalar(k.Value)}"));
        return this;
    }

    /// <param name="properties">The asset's own keys in order, e.g. ("peak_kw", 30) or ("shape", "vertical_cylinder").</param>
    public TestSites Asset(string id, string kind, params (string Key, object Value)[] properties)
    {
        _assets.Add([$"id: {id}", $"kind: {kind}", .. properties.Select(p => $"{p.Key}: {Scalar(p.Value)}")]);
        return this;
    }

    /// <summary>An asset of a kind the model knows, written as the site file spells it (pv_array, rain_tank, …).</summary>
    public TestSites Asset(string id, AssetKind kind, params (string Key, object Value)[] properties) =>
        Asset(id, KindText(kind), properties);

    public TestSites Gateway(string id, int? pollSeconds = null, string? name = null)
    {
        var lines = new List<string> { $"id: {id}" };
        if (name is not null) lines.Add($"name: {Scalar(name)}");
        if (pollSeconds is not null) lines.Add($"poll_seconds: {pollSeconds.Value.ToString(CultureInfo.InvariantCulture)}");
        _gateways.Add(lines);
        return this;
    }

    /// <param name="settings">The device's <c>settings:</c> block, in order; none writes no block.</param>
    public TestSites Device(string id, string gateway, string kind, string bus, string role, string? household = null,
        string? asset = null, int? address = null, params (string Key, object Value)[] settings)
    {
        var lines = new List<string> { $"id: {id}", $"gateway: {gateway}", $"kind: {kind}", $"bus: {Scalar(bus)}" };
        if (address is not null) lines.Add($"address: {address.Value.ToString(CultureInfo.InvariantCulture)}");
        lines.Add($"role: {role}");
        if (household is not null) lines.Add($"household: {household}");
        if (asset is not null) lines.Add($"asset: {asset}");
        if (settings.Length > 0)
        {
            lines.Add("settings:");
            lines.AddRange(settings.Select(s => $"  {s.Key}: {Scalar(s.Value)}"));
        }
        _devices.Add(lines);
        return this;
    }

    /// <summary>The site file's text: site, allocation and settlement (if given), households, assets (if any), gateways, devices.</summary>
    public string ToYaml()
    {
        var yaml = new StringBuilder();
        Map("site", _site, yaml);
        if (_allocation.Count > 0) Map("allocation", _allocation, yaml);
        if (_settlement.Count > 0) Map("settlement", _settlement, yaml);
        List("households", _households, yaml);
        if (_assets.Count > 0) List("assets", _assets, yaml);
        List("gateways", _gateways, yaml);
        List("devices", _devices, yaml);
        return yaml.ToString();
    }

    /// <summary>The site as the loader reads <see cref="ToYaml"/>: a test that needs the model and no file.</summary>
    public SiteModel Model() => SiteLoader.Parse(ToYaml());

    /// <summary>Writes <see cref="ToYaml"/> to <paramref name="path"/> and returns the path.</summary>
    public string WriteTo(string path)
    {
        File.WriteAllText(path, ToYaml());
        return path;
    }

    private static void Map(string key, List<string> lines, StringBuilder yaml)
    {
        yaml.Append(key).Append(":\n");
        foreach (var line in lines) yaml.Append("  ").Append(line).Append('\n');
    }

    private static void List(string key, List<List<string>> entries, StringBuilder yaml)
    {
        yaml.Append(key).Append(":\n");
        foreach (var entry in entries)
        {
            for (var i = 0; i < entry.Count; i++) yaml.Append(i == 0 ? "  - " : "    ").Append(entry[i]).Append('\n');
        }
    }

    private static string KindText(AssetKind kind) => kind switch
    {
        AssetKind.PvArray => "pv_array",
        AssetKind.RainTank => "rain_tank",
        AssetKind.CompostPile => "compost_pile",
        AssetKind.Battery => "battery",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "an asset kind the site file cannot name"),
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // Strings holding YAML's special characters (a bus URI with '?' or '#', a leading '*') are quoted.
    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => Number(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s when s.IndexOfAny(['#', '*', '&', '!', '|', '>', '\'', '"', '%', '@', '`', '{', '}', '[', ']']) >= 0
            || s.Contains(": ", StringComparison.Ordinal) => "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        _ => value.ToString() ?? "",
    };
}
