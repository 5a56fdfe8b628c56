using System.Globalization;
using System.Text;

namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// InfluxDB line protocol, written by hand because InfluxDB.Client is not available here:
/// <c>measurement,tag=value field=1.5,text="x" 1718965800000</c>. Escaping per the line protocol reference:
/// measurement: comma and space; tag keys, tag values and field keys: comma, equals sign and space;
/// string field values: double quote and backslash. Outside string fields InfluxDB 1.x does not unescape
/// <c>\\</c> (a backslash only makes the next separator literal), so a backslash is written as itself, and a
/// name or tag value ending in one cannot be written at all (it would escape the separator after it): it is
/// rejected. Newlines cannot be escaped and are rejected, as are NaN and infinities. The round trip of all
/// this through a real InfluxDB is checked by a property test (LineProtocolRoundTripTests).
/// </summary>
public static class LineProtocol
{
    public static void AppendMeasurement(StringBuilder line, string name)
    {
        RejectNewlines(name, "measurement");
        if (name.Length == 0) throw new ArgumentException("measurement name is empty");
        RejectTrailingBackslash(name, "measurement");
        foreach (var c in name)
        {
            if (c is ',' or ' ') line.Append('\\');
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
        RejectTrailingBackslash(text, what);
        foreach (var c in text)
        {
            if (c is ',' or '=' or ' ') line.Append('\\');
            line.Append(c);
        }
    }

    private static void RejectTrailingBackslash(string text, string what)
    {
        if (text.EndsWith('\\'))
            throw new ArgumentException($"{what} '{text}' ends in a backslash, which InfluxDB 1.x line protocol cannot carry");
    }

    private static void RejectNewlines(string text, string what)
    {
        if (text.AsSpan().IndexOfAny('\n', '\r') >= 0)
            throw new ArgumentException($"{what} contains a newline, which line protocol cannot carry");
    }
}
