using System.Text.Json;
using System.Text.RegularExpressions;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Dashboards.Tests;

/// <summary>The provisioned dashboards as Grafana would read them: panels (rows included), targets, variables.</summary>
public static partial class Dashboards
{
    public const string DataSourceUid = "lustrac-influx";
    public static string Folder => Path.Combine(RepositoryPaths.Root, "dashboards");
    public static IEnumerable<string> Files => Directory.GetFiles(Path.Combine(Folder, "json"), "*.json").OrderBy(f => f, StringComparer.Ordinal);

    public static JsonElement Load(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "json", file))).RootElement;

    public static IEnumerable<JsonElement> Panels(JsonElement dashboard)
    {
        foreach (var p in dashboard.GetProperty("panels").EnumerateArray())
        {
            yield return p;
            if (p.TryGetProperty("panels", out var nested)) foreach (var n in nested.EnumerateArray()) yield return n;
        }
    }

    public static IEnumerable<JsonElement> Targets(JsonElement panel) =>
        panel.TryGetProperty("targets", out var t) ? t.EnumerateArray() : [];

    public static bool IsInfluxQuery(JsonElement target) => target.TryGetProperty("query", out _);

    public static IEnumerable<JsonElement> Variables(JsonElement dashboard) => dashboard.GetProperty("templating").GetProperty("list").EnumerateArray();

    /// <summary>Every (dashboard, panel, refId) with an InfluxQL query: one test case each, so a report names the panel.</summary>
    public static IEnumerable<object[]> InfluxQueries() =>
        from file in Files
        let name = Path.GetFileName(file)
        from panel in Panels(Load(name))
        from target in Targets(panel)
        where IsInfluxQuery(target)
        select new object[] { name, panel.GetProperty("title").GetString()!, target.GetProperty("refId").GetString()! };

    public static IEnumerable<object[]> FileNames() => Files.Select(f => new object[] { Path.GetFileName(f) });

    /// <summary>$name or ${name} or [[name]]; Grafana's own macros start with $__ or are $timeFilter.</summary>
    [GeneratedRegex(@"\$\{(\w+)(?::\w+)?\}|\$(\w+)|\[\[(\w+)\]\]")]
    public static partial Regex VariableReference();

    public static IEnumerable<string> VariablesIn(string text) =>
        VariableReference().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value)
            .Where(v => v != "timeFilter" && !v.StartsWith("__", StringComparison.Ordinal) && !v.StartsWith("tag_", StringComparison.Ordinal));
}
