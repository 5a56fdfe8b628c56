using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Lustrac.Energy.Protocol.Site;

/// <summary>
/// A YAML mapping read field by field, recording problems with their line numbers instead of throwing,
/// and reporting keys nobody asked for (usually typos) with the closest known key.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly string _file;
    private readonly List<SiteProblem> _problems;
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, string file, List<SiteProblem> problems, string what)
    {
        _node = node;
        _file = file;
        _problems = problems;
        What = what;
    }

    public string What { get; }
    public SourceLocation Location => At(_node);

    public SourceLocation At(YamlNode node) => new(_file, (int)node.Start.Line, (int)node.Start.Column);

    public void Problem(YamlNode node, string message) => _problems.Add(new SiteProblem(At(node), message));
    public void Problem(string message) => _problems.Add(new SiteProblem(Location, message));

    public YamlNode? Node(string key)
    {
        _asked.Add(key);
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key) return v;
        }
        return null;
    }

    public string? String(string key, bool required = false, string? fallback = null)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required) Problem($"{What} has no '{key}'. Add a line '{key}: …'.");
            return fallback;
        }
        if (node is YamlScalarNode { Value: not null } s && s.Value.Length > 0) return s.Value;
        Problem(node, $"'{key}' of {What} must be a single value.");
        return fallback;
    }

    public double? Number(string key, double min, double max, bool required = false, double? fallback = null)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required) Problem($"{What} has no '{key}'. Add a line '{key}: <number>'.");
            return fallback;
        }
        if (node is YamlScalarNode { Value: not null } s &&
            double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            if (v < min || v > max)
            {
                Problem(node, $"'{key}' of {What} is {s.Value}; it must lie between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
                return fallback;
            }
            return v;
        }
        Problem(node, $"'{key}' of {What} must be a number (use a dot for decimals, e.g. 2.5).");
        return fallback;
    }

    public bool Bool(string key, bool fallback)
    {
        var node = Node(key);
        if (node is null) return fallback;
        if (node is YamlScalarNode { Value: "true" or "yes" }) return true;
        if (node is YamlScalarNode { Value: "false" or "no" }) return false;
        Problem(node, $"'{key}' of {What} must be true or false.");
        return fallback;
    }

    public IEnumerable<(YamlMappingNode Item, int Index)> List(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required) Problem($"the file has no '{key}' list.");
            yield break;
        }
        if (node is not YamlSequenceNode seq)
        {
            Problem(node, $"'{key}' must be a list (lines starting with '- ').");
            yield break;
        }
        var i = 0;
        foreach (var child in seq.Children)
        {
            if (child is YamlMappingNode m) yield return (m, i);
            else Problem(child, $"entry {i + 1} of '{key}' must be a set of 'name: value' lines.");
            i++;
        }
    }

    public YamlMappingNode? Map(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required) Problem($"{What} has no '{key}' section.");
            return null;
        }
        if (node is YamlMappingNode m) return m;
        Problem(node, $"'{key}' of {What} must be a set of 'name: value' lines.");
        return null;
    }

    /// <summary>All scalar key/values, for free-form settings blocks.</summary>
    public IReadOnlyDictionary<string, string> Scalars()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: not null } ks && v is YamlScalarNode { Value: not null } vs) result[ks.Value] = vs.Value;
            else Problem(v, $"settings of {What} must be simple 'name: value' lines.");
        }
        return result;
    }

    /// <summary>Call after reading: every key that was never asked for is reported as unknown.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (k, _) in _node.Children)
        {
            if (k is not YamlScalarNode { Value: not null } s || _asked.Contains(s.Value)) continue;
            var hint = Suggest.Closest(s.Value, _asked);
            Problem(k, $"unknown setting '{s.Value}' in {What}." + (hint is null ? $" Known settings: {string.Join(", ", _asked)}." : $" Did you mean '{hint}'?"));
        }
    }
}

internal static class Suggest
{
    /// <summary>The candidate within edit distance 2 of the word, if any: catches most typos.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var c in candidates)
        {
            var d = Distance(word, c);
            if (d < bestDistance) { best = c; bestDistance = d; }
        }
        return best;
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
