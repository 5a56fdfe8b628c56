namespace Lustrac.Energy.Server.ResultStore;

public enum ColumnKind { Tag, Float, Integer, Text }

/// <summary>One tag or field. A null value is an absent field (InfluxDB) or NULL (SQLite): "undefined", never 0.</summary>
public sealed record Column<T>(string Name, ColumnKind Kind, Func<T, object?> Value);

/// <summary>What a store hands back for one stored row, by column name.</summary>
public interface IStoredRow
{
    DateTime TimeUtc { get; }
    string? Text(string column);
    double? Float(string column);
    long? Integer(string column);

    /// <summary>A text column holding base64, decoded; each store may decode from its own bytes without making a string first.</summary>
    byte[]? Base64(string column) => Text(column) is { } text ? Convert.FromBase64String(text) : null;
}

/// <summary>
/// How rows of <typeparamref name="T"/> are stored: the measurement (SQLite table, InfluxDB measurement), its columns
/// and how a stored row is read back. Identity = (measurement, site, tags, time): writing the same identity overwrites.
/// </summary>
public sealed record MeasurementSchema<T>(string Name, Column<T>[] Columns, Func<T, DateTime> Time, Func<IStoredRow, T> Read)
{
    public IEnumerable<Column<T>> Tags => Columns.Where(c => c.Kind == ColumnKind.Tag);
    public IEnumerable<Column<T>> Fields => Columns.Where(c => c.Kind != ColumnKind.Tag);

    /// <summary>What a store needs to know of it, without the row type.</summary>
    public MeasurementLayout Layout { get; } = new(Name, [.. Columns.Select(c => new ColumnLayout(c.Name, c.Kind))]);

    /// <summary>The rows as a store writes them: each one's time and column values in column order.</summary>
    public PointSet Points(IReadOnlyList<T> rows)
    {
        var points = new StoredPoint[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            var values = new object?[Columns.Length];
            for (int c = 0; c < values.Length; c++) values[c] = Columns[c].Value(rows[r]);
            points[r] = new StoredPoint(Time(rows[r]), values);
        }
        return new PointSet(Layout, points);
    }
}

public sealed record ColumnLayout(string Name, ColumnKind Kind)
{
    public bool IsTag => Kind == ColumnKind.Tag;
}

/// <summary>A measurement as a store sees it: a name and typed columns (tags are part of a row's identity).</summary>
public sealed record MeasurementLayout(string Name, ColumnLayout[] Columns);

/// <summary>One row to store: its time and its values in the layout's column order (a tag's value is a string, "" when absent).</summary>
public readonly record struct StoredPoint(DateTime TimeUtc, object?[] Values);

/// <summary>Rows of one measurement.</summary>
public sealed record PointSet(MeasurementLayout Layout, IReadOnlyList<StoredPoint> Points);

/// <summary>Every stored row of the measurement in [FromUtc, ToUtc) gives way to <see cref="Points"/>.</summary>
public sealed record RangeReplacement(PointSet Points, DateTime FromUtc, DateTime ToUtc);

/// <summary>A condition on a tag: rows whose <see cref="Tag"/> equals <see cref="Value"/> ("" matches rows without it).</summary>
public sealed record TagEquals(string Tag, string Value);
