using System.Collections.Concurrent;
using System.Text;
using Lustrac.Energy.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Lustrac.Energy.Server.ResultStore;

/// <summary>
/// Measurements as tables of the embedded SQLite file (see <see cref="SqliteTables"/>), every row with the site.
/// A replacement is a DELETE of the range then INSERT OR REPLACE, all ranges in one transaction.
/// </summary>
public sealed class SqliteMeasurementStore(SqliteFile file, string site, IReadOnlyList<MeasurementLayout> measurements) : IMeasurementStore
{
    /// <summary>Tables known to exist: an operator may record a turning before the server has initialised the file.</summary>
    private readonly ConcurrentDictionary<string, bool> _ready = new(StringComparer.Ordinal);

    public async Task InitialiseAsync(CancellationToken ct)
    {
        await file.PrepareAsync(string.Concat(measurements.Select(SqliteTables.Create)), ct).ConfigureAwait(false);
        await using var db = await file.OpenAsync(ct).ConfigureAwait(false);
        foreach (var m in measurements)
        {
            await SqliteTables.AddMissingFieldsAsync(db, m, ct).ConfigureAwait(false);
            _ready[m.Name] = true;
        }
    }

    public async Task ReplaceAsync(IReadOnlyList<RangeReplacement> ranges, bool neverStored, CancellationToken ct)
    {
        foreach (var r in ranges) await EnsureTableAsync(r.Points.Layout.Name, ct).ConfigureAwait(false);
        await file.InTransactionAsync(async (db, tx) =>
        {
            foreach (var range in ranges)
            {
                await using (var delete = db.CreateCommand())
                {
                    delete.Transaction = tx;
                    delete.CommandText = $"DELETE FROM {range.Points.Layout.Name} WHERE site = $site AND time_ms >= $from AND time_ms < $to";
                    delete.Parameters.AddWithValue("$site", site);
                    delete.Parameters.AddWithValue("$from", Periods.Ms(range.FromUtc));
                    delete.Parameters.AddWithValue("$to", Periods.Ms(range.ToUtc));
                    await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                await InsertAsync(db, tx, range.Points, ct).ConfigureAwait(false);
            }
        }, ct).ConfigureAwait(false);
    }

    public async Task WriteAsync(PointSet points, CancellationToken ct)
    {
        await EnsureTableAsync(points.Layout.Name, ct).ConfigureAwait(false);
        await file.InTransactionAsync((db, tx) => InsertAsync(db, tx, points, ct), ct).ConfigureAwait(false);
    }

    /// <summary>INSERT OR REPLACE: a row with the same identity (site, tags, time) is overwritten.</summary>
    private async Task InsertAsync(SqliteConnection db, SqliteTransaction tx, PointSet points, CancellationToken ct)
    {
        if (points.Points.Count == 0) return;
        var columns = points.Layout.Columns;
        await using var insert = db.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT OR REPLACE INTO {points.Layout.Name} (site, time_ms, {string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
            $"VALUES ($site, $time, {string.Join(", ", columns.Select((_, i) => $"$c{i}"))})";
        insert.Parameters.AddWithValue("$site", site);
        var time = insert.Parameters.Add(new SqliteParameter { ParameterName = "$time" });
        var values = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter { ParameterName = $"$c{i}" })).ToArray();
        await insert.PrepareAsync(ct).ConfigureAwait(false);
        foreach (var point in points.Points)
        {
            time.Value = Periods.Ms(point.TimeUtc);
            for (int i = 0; i < values.Length; i++) values[i].Value = point.Values[i] ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<T>> ReadAsync<T>(string measurement, IReadOnlyList<TagEquals> filter, DateTime fromUtc, DateTime toUtc,
        Func<IStoredRow, T> read, CancellationToken ct)
    {
        await EnsureTableAsync(measurement, ct).ConfigureAwait(false);
        await using var db = await file.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT * FROM {measurement} WHERE site = $site AND time_ms >= $from AND time_ms < $to{Where(cmd, filter, "")} ORDER BY time_ms";
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$from", Periods.Ms(fromUtc));
        cmd.Parameters.AddWithValue("$to", Periods.Ms(toUtc));
        var result = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var row = new SqliteTables.Row(reader);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) result.Add(read(row));
        return result;
    }

    public async Task DeleteRowsAsync(string measurement, IReadOnlyList<TagEquals> filter, CancellationToken ct)
    {
        await EnsureTableAsync(measurement, ct).ConfigureAwait(false);
        await file.InTransactionAsync(async (db, tx) =>
        {
            await using var delete = db.CreateCommand();
            delete.Transaction = tx;
            delete.CommandText = $"DELETE FROM {measurement} WHERE site = $site{Where(delete, filter, "")}";
            delete.Parameters.AddWithValue("$site", site);
            await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    public async Task<DateTime?> LatestAsync(string measurement, IReadOnlyList<TagEquals> filter, CancellationToken ct)
    {
        await EnsureTableAsync(measurement, ct).ConfigureAwait(false);
        await using var db = await file.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT MAX(time_ms) FROM {measurement} WHERE site = $site{Where(cmd, filter, "")}";
        cmd.Parameters.AddWithValue("$site", site);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is long ms ? DateTime.UnixEpoch.AddMilliseconds(ms) : null;
    }

    public async Task<IReadOnlyDictionary<string, ColumnTotals?[]>> SumAsync(ColumnSumQuery query, CancellationToken ct)
    {
        var result = new Dictionary<string, ColumnTotals?[]>(StringComparer.Ordinal);
        if (query.Periods < 1) return result;
        await EnsureTableAsync(query.Measurement, ct).ConfigureAwait(false);
        await using var db = await file.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        // The periods as a table to join on; its numbers are computed here (epoch ms), never request text.
        var periods = string.Join(", ", Enumerable.Range(0, query.Periods).Select(p =>
            FormattableString.Invariant($"({p}, {Periods.Ms(query.BoundariesUtc[p])}, {Periods.Ms(query.BoundariesUtc[p + 1])})")));
        var sums = query.Sums.Select(c => $"SUM(r.\"{c}\")");
        var counts = query.Counts.Select((c, i) => c.EqualTo is null ? $"COUNT(r.\"{c.Column}\")" : $"COALESCE(SUM(r.\"{c.Column}\" = {Bind(cmd, $"$v{i}", c.EqualTo)}), 0)");
        cmd.CommandText =
            $"WITH periods(p, from_ms, to_ms) AS (VALUES {periods}) " +
            $"SELECT periods.p, r.\"{query.GroupTag}\", {string.Join(", ", sums.Concat(counts))} " +
            $"FROM periods JOIN {query.Measurement} r ON r.site = $site AND r.time_ms >= periods.from_ms AND r.time_ms < periods.to_ms{Where(cmd, query.Filter, "r.")} " +
            $"GROUP BY periods.p, r.\"{query.GroupTag}\"";
        cmd.Parameters.AddWithValue("$site", site);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        int n = query.Sums.Count;
        // Synchronous Read: SQLite steps in-process.
        while (reader.Read())
        {
            var totals = ColumnTotals.Of(result, query, reader.GetString(1), reader.GetInt32(0));
            for (int i = 0; i < n; i++) totals.Sums[i] = reader.IsDBNull(2 + i) ? null : reader.GetDouble(2 + i);
            for (int i = 0; i < query.Counts.Count; i++) totals.Counts[i] = reader.GetInt64(2 + n + i);
        }
        return result;
    }

    /// <summary>" AND tag = $t0 …", every value bound.</summary>
    private static string Where(SqliteCommand cmd, IReadOnlyList<TagEquals> filter, string prefix)
    {
        var where = new StringBuilder();
        for (int i = 0; i < filter.Count; i++) where.Append($" AND {prefix}\"{filter[i].Tag}\" = {Bind(cmd, $"$t{i}", filter[i].Value)}");
        return where.ToString();
    }

    private static string Bind(SqliteCommand cmd, string name, string value)
    {
        cmd.Parameters.AddWithValue(name, value);
        return name;
    }

    private async Task EnsureTableAsync(string measurement, CancellationToken ct)
    {
        if (_ready.ContainsKey(measurement)) return;
        var layout = measurements.FirstOrDefault(m => m.Name == measurement)
            ?? throw new ArgumentException($"measurement '{measurement}' is not one of this store's ({string.Join(", ", measurements.Select(m => m.Name))})");
        await file.PrepareAsync(SqliteTables.Create(layout), ct).ConfigureAwait(false);
        _ready[measurement] = true;
    }
}
