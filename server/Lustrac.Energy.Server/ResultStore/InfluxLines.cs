using System.Globalization;
using System.Text;
using System.Text.Json;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.ResultStore;

/// <summary>Points as InfluxDB line protocol, the identity of a point, and tag conditions as bound InfluxQL.</summary>
internal static class InfluxLines
{
    public static void Append(StringBuilder body, MeasurementLayout layout, IEnumerable<StoredPoint> points, string site)
    {
        // Tags in key order (InfluxDB's fastest path), the site among them; an empty value (neighbourhood household) is left out.
        var tags = layout.Columns.Select((c, i) => (c.Name, Index: i)).Where(t => layout.Columns[t.Index].IsTag).Append(("site", -1))
            .OrderBy(t => t.Item1, StringComparer.Ordinal).ToArray();
        foreach (var point in points)
        {
            LineProtocol.AppendMeasurement(body, layout.Name);
            foreach (var (name, index) in tags) LineProtocol.AppendTag(body, name, index < 0 ? site : (string)point.Values[index]!);
            char separator = ' ';
            for (int i = 0; i < layout.Columns.Length; i++)
            {
                if (layout.Columns[i].IsTag || point.Values[i] is not { } value) continue;
                body.Append(separator);
                separator = ',';
                LineProtocol.AppendFieldKey(body, layout.Columns[i].Name);
                body.Append('=');
                switch (value)
                {
                    case double d: LineProtocol.AppendFloat(body, d); break;
                    case long l: LineProtocol.AppendInteger(body, l); break;
                    default: LineProtocol.AppendString(body, (string)value); break;
                }
            }
            body.Append(' ').Append(Periods.Ms(point.TimeUtc).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    /// <summary>The fields each new point carries, by identity (time and tags).</summary>
    public static Dictionary<string, HashSet<string>> FieldsByIdentity(MeasurementLayout layout, IReadOnlyList<StoredPoint> points)
    {
        var tagIndex = Enumerable.Range(0, layout.Columns.Length).Where(i => layout.Columns[i].IsTag).ToArray();
        var fresh = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var p in points)
            fresh[Identity(Periods.Ms(p.TimeUtc), tagIndex.Select(i => (string?)p.Values[i]))] = Enumerable.Range(0, layout.Columns.Length)
                .Where(i => !layout.Columns[i].IsTag && p.Values[i] is not null).Select(i => layout.Columns[i].Name).ToHashSet(StringComparer.Ordinal);
        return fresh;
    }

    /// <summary>True when a stored point of the series (SELECT *) is not among the new ones, or has a field they leave out.</summary>
    public static bool KeepsSomething(MeasurementLayout layout, InfluxSeries series, Dictionary<string, HashSet<string>> fresh)
    {
        var columns = series.Columns();
        var fields = layout.Columns.Where(c => !c.IsTag).Select(f => (f.Name, Index: Array.IndexOf(columns, f.Name))).Where(f => f.Index >= 0).ToArray();
        var tagIndex = layout.Columns.Where(c => c.IsTag).Select(t => Array.IndexOf(columns, t.Name)).ToArray();
        foreach (var values in series.Rows)
        {
            var key = Identity(values[0].GetInt64(), tagIndex.Select(i => i >= 0 ? values[i].GetString() : null));
            if (!fresh.TryGetValue(key, out var kept)) return true;
            foreach (var (name, index) in fields)
                if (values[index].ValueKind != JsonValueKind.Null && !kept.Contains(name)) return true;
        }
        return false;
    }

    private static string Identity(long ms, IEnumerable<string?> tagValues) =>
        ms.ToString(CultureInfo.InvariantCulture) + "|" + string.Join("|", tagValues.Select(v => v ?? ""));

    /// <summary>" AND "tag" = $t0 …", the values bound in <paramref name="parameters"/>. "" matches points without the tag.</summary>
    public static string Where(IReadOnlyList<TagEquals> filter, Dictionary<string, object> parameters)
    {
        var where = new StringBuilder();
        for (int i = 0; i < filter.Count; i++)
        {
            parameters[$"t{i}"] = filter[i].Value;
            where.Append($" AND \"{filter[i].Tag}\" = $t{i}");
        }
        return where.ToString();
    }
}
