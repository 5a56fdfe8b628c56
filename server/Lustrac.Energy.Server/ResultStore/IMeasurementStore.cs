namespace Lustrac.Energy.Server.ResultStore;

/// <summary>
/// The thin seam between the results model (<see cref="StoredResults"/>) and where the rows live: rows of a
/// measurement written, replaced over a range, read back and added up, and nothing of what they mean. Every row
/// carries the site the store was made for.
/// </summary>
public interface IMeasurementStore
{
    /// <summary>Creates what the measurements need (tables, database and policies). Safe to call on every start.</summary>
    Task InitialiseAsync(CancellationToken ct);

    /// <summary>
    /// Replaces each range's stored rows by its points, all ranges at once. <paramref name="neverStored"/>: nothing was
    /// ever stored in these ranges (a normal close), so a store may skip clearing them.
    /// </summary>
    Task ReplaceAsync(IReadOnlyList<RangeReplacement> ranges, bool neverStored, CancellationToken ct);

    /// <summary>Writes the points over the stored rows of the same identity; no other row is touched.</summary>
    Task WriteAsync(PointSet points, CancellationToken ct);

    /// <summary>Rows of <paramref name="measurement"/> in [from, to) matching every condition, oldest first.</summary>
    Task<IReadOnlyList<T>> ReadAsync<T>(string measurement, IReadOnlyList<TagEquals> filter, DateTime fromUtc, DateTime toUtc,
        Func<IStoredRow, T> read, CancellationToken ct);

    /// <summary>Deletes every row of <paramref name="measurement"/> matching every condition, whatever its time.</summary>
    Task DeleteRowsAsync(string measurement, IReadOnlyList<TagEquals> filter, CancellationToken ct);

    /// <summary>The time of the latest row matching every condition, or null when there is none.</summary>
    Task<DateTime?> LatestAsync(string measurement, IReadOnlyList<TagEquals> filter, CancellationToken ct);

    /// <summary>The query's sums, by value of its group tag, one entry per period (null: no row in that period).</summary>
    Task<IReadOnlyDictionary<string, ColumnTotals?[]>> SumAsync(ColumnSumQuery query, CancellationToken ct);
}

/// <summary>Rows counted: those where <see cref="Column"/> has a value, or, with <see cref="EqualTo"/>, where it has that value.</summary>
public sealed record RowCount(string Column, string? EqualTo = null);

/// <summary>
/// Sums of columns of one measurement per period between ascending <see cref="BoundariesUtc"/> and per value of
/// <see cref="GroupTag"/> ("" for rows without it): a year of periods comes back as one entry per group and period,
/// not as the rows. <see cref="RowsAreFew"/> (e.g. one row per day): a store may fetch the rows and add them up itself
/// when that is faster than its own grouping (InfluxDB 1.6's sum() by day is).
/// </summary>
public sealed record ColumnSumQuery(string Measurement, string GroupTag, IReadOnlyList<TagEquals> Filter, IReadOnlyList<DateTime> BoundariesUtc,
    IReadOnlyList<string> Sums, IReadOnlyList<RowCount> Counts, bool RowsAreFew = false)
{
    public int Periods => Math.Max(0, BoundariesUtc.Count - 1);
}

/// <summary>One group's period: <see cref="Sums"/> in the query's order (null where no row had a value), then the <see cref="Counts"/>.</summary>
public sealed class ColumnTotals(int sums, int counts)
{
    public double?[] Sums { get; } = new double?[sums];
    public long[] Counts { get; } = new long[counts];

    /// <summary>Adds a value to sum <paramref name="i"/>; an absent value leaves it as it is.</summary>
    public void Add(int i, double? value)
    {
        if (value is double v) Sums[i] = (Sums[i] ?? 0) + v;
    }

    /// <summary>The entry of <paramref name="group"/> and <paramref name="period"/>, made on first use.</summary>
    public static ColumnTotals Of(Dictionary<string, ColumnTotals?[]> totals, ColumnSumQuery query, string group, int period)
    {
        if (!totals.TryGetValue(group, out var periods)) totals[group] = periods = new ColumnTotals?[query.Periods];
        return periods[period] ??= new ColumnTotals(query.Sums.Count, query.Counts.Count);
    }
}
