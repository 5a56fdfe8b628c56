using System.Globalization;
using System.Text;

namespace Lustrac.Energy.Autonomy.Export;

/// <summary>
/// Rows to CSV text (RFC 4180): header first, comma separator, invariant culture, '\n' line ends, UTC times as
/// ISO 8601 with a Z, null as an empty field, fields quoted when they hold a comma, quote or line break.
/// </summary>
public static class Csv
{
    public static string Write<T>(IEnumerable<T> rows, IReadOnlyList<(string Header, Func<T, object?> Value)> columns)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', columns.Select(c => Escape(c.Header))).Append('\n');
        foreach (var row in rows)
        {
            for (int i = 0; i < columns.Count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(Escape(Format(columns[i].Value(row))));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        DateTime t => ToUtc(t).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static DateTime ToUtc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        _ => throw new ArgumentException("CSV timestamps are UTC; got a local time."),
    };

    private static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}

/// <summary>Ready-made column sets for the registers people ask for.</summary>
public static class CsvRegisters
{
    public static string CompostTemperatures(IEnumerable<Compost.CompostRegisterRow> rows) => Csv.Write(rows,
    [
        ("time_utc", r => r.TimeUtc),
        ("pile", r => r.PileId),
        ("coolest_probe", r => r.CoolestProbeId),
        ("coolest_c", r => r.CoolestC),
        ("probes_reporting", r => r.ProbesReporting),
        ("probes_expected", r => r.ProbesExpected),
        ("at_or_above_threshold", r => r.AtOrAboveThreshold),
    ]);

    public static string EnergyRollups(IEnumerable<Rollups.Rollup<Energy.EnergyParts>> rows) => Csv.Write(rows,
    [
        ("start_utc", r => r.StartUtc),
        ("end_utc", r => r.EndUtc),
        ("consumption_kwh", r => r.Sum.Consumption),
        ("production_kwh", r => r.Sum.Production),
        ("import_kwh", r => r.Sum.Import),
        ("export_kwh", r => r.Sum.Export),
        ("allocated_kwh", r => r.Sum.Allocated),
        ("self_sufficiency", r => r.Sum.SelfSufficiency),
        ("self_consumption", r => r.Sum.SelfConsumption),
        ("intervals_present", r => r.Present),
        ("intervals_expected", r => r.Expected),
        ("intervals_interpolated", r => r.Interpolated),
        ("intervals_estimated", r => r.Estimated),
    ]);
}
