using System.Globalization;
using System.Text;

namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// InfluxDB line protocol, written by hand because InfluxDB.Client is not available here:
/// <c>measurement,tag=value field=1.5,text="x" 1718965800000</c>. Escaping per the line protocol reference:
/// measurement: comma and space; tag keys, tag values and field keys: comma, equals sign and space;
/// string field values: double quote and backslash. A backslash in the other positions is escaped too so a
/// trailing backslash cannot swallow the separator after it. Newlines cannot be escaped and are rejected,
/// as are NaN and infinities, which line protocol cannot carry.
/// </summary>
public static class LineProtocol
{
    public static void AppendMeasurement(StringBuilder line, string name)
    {
        RejectNewlines(name, "measurement");
        if (name.Length == 0) throw new ArgumentException("measurement name is empty");
        foreach (var c in name)
        {
            if (c is ',' or ' ' or '\\') line.Append('\\');
            line.Append(c);
        }
    }

    public static void AppendTag(StringBuilder line, string key, string value)
    {
        if (value.Length == 0) return; // InfluxDB has no empty tag values: an absent tag means the same
        line.Append(',');
        AppendKey(line, key, "tag key");
        line.Append('=');
        AppendKey(line, value, "tag value");
    }

    public static void AppendFieldKey(StringBuilder line, string key) => AppendKey(line, key, "field key");

    public static void AppendFloat(StringBuilder line, double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"line protocol cannot carry {value}");
        line.Append(value.ToString("R", CultureInfo.InvariantCulture));
    }

    public static void AppendInteger(StringBuilder line, long value) =>
        line.Append(value.ToString(CultureInfo.InvariantCulture)).Append('i');

    public static void AppendString(StringBuilder line, string value)
    {
        RejectNewlines(value, "string field");
        line.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') line.Append('\\');
            line.Append(c);
        }
        line.Append('"');
    }

    private static void AppendKey(StringBuilder line, string text, string what)
    {
        RejectNewlines(text, what);
        if (text.Length == 0) throw new ArgumentException($"{what} is empty");
        foreach (var c in text)
        {
            if (c is ',' or '=' or ' ' or '\\') line.Append('\\');
            line.Append(c);
        }
    }

    private static void RejectNewlines(string text, string what)
    {
        if (text.AsSpan().IndexOfAny('\n', '\r') >= 0)
            throw new ArgumentException($"{what} contains a newline, which line protocol cannot carry");
    }
}
