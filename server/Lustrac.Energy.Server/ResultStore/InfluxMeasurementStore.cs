using System.Text;
using System.Text.Json;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.ResultStore;

/// <summary>
/// Measurements in InfluxDB's <c>results</c> policy (kept forever, see <see cref="InfluxRetention"/>), tagged with the
/// site. InfluxDB merges the fields of two writes of one point, so a field that became undefined would survive an
/// overwrite: replacing a range deletes it first, but only when a stored point would keep something (a read is far
/// cheaper than InfluxDB's DELETE). Measurement names come from the schema; every value in a query is a bound parameter.
/// </summary>
public sealed class InfluxMeasurementStore(InfluxClient influx, string site) : IMeasurementStore
{
    /// <summary>InfluxDB refuses large bodies (1.x: 25 MB by default), so a long backfill is written in parts.</summary>
    private const int RowsPerWrite = 5000;

    /// <summary>The database, its two retention policies and the one-time copy of results an older version left in autogen.</summary>
    public Task InitialiseAsync(CancellationToken ct) => InfluxRetention.ApplyAsync(influx, ct);

    public async Task ReplaceAsync(IReadOnlyList<RangeReplacement> ranges, bool neverStored, CancellationToken ct)
    {
        // A first write of new intervals has nothing to clear; a rewrite clears only measurements where an old field would survive.
        if (!neverStored)
        {
            var stale = new List<RangeReplacement>();
            foreach (var range in ranges)
                if (await NeedsClearingAsync(range, ct).ConfigureAwait(false)) stale.Add(range);
            // One request per range, every stale measurement of it in one statement list.
            foreach (var sameRange in stale.GroupBy(r => (r.FromUtc, r.ToUtc)))
                await DeleteAsync([.. sameRange.Select(r => r.Points.Layout.Name)], sameRange.Key.FromUtc, sameRange.Key.ToUtc, ct).ConfigureAwait(false);
        }
        if (ranges.Sum(r => r.Points.Points.Count) <= RowsPerWrite)
        {
            // A normal close: one write (one WAL sync in InfluxDB) for every measurement.
            var body = new StringBuilder();
            foreach (var range in ranges) InfluxLines.Append(body, range.Points.Layout, range.Points.Points, site);
            await influx.WriteAsync(body, InfluxRetention.ResultsPolicy, "write", ct).ConfigureAwait(false);
            return;
        }
        foreach (var range in ranges) await WriteAsync(range.Points, ct).ConfigureAwait(false);
    }

    public async Task WriteAsync(PointSet points, CancellationToken ct)
    {
        for (int i = 0; i < points.Points.Count; i += RowsPerWrite)
        {
            var body = new StringBuilder();
            InfluxLines.Append(body, points.Layout, points.Points.Skip(i).Take(RowsPerWrite), site);
            await influx.WriteAsync(body, InfluxRetention.ResultsPolicy, "write", ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// True when a point stored in the range would keep a field the new points leave out, or would not be rewritten at
    /// all: only then must the range be deleted first.
    /// </summary>
    private async Task<bool> NeedsClearingAsync(RangeReplacement range, CancellationToken ct)
    {
        var layout = range.Points.Layout;
        var fresh = InfluxLines.FieldsByIdentity(layout, range.Points.Points);
        bool stale = false;
        await influx.QueryAsync(Select(layout.Name, [], out var parameters, range.FromUtc, range.ToUtc), parameters,
            s => stale = stale || InfluxLines.KeepsSomething(layout, s, fresh), ct).ConfigureAwait(false);
        return stale;
    }

    private Task DeleteAsync(string[] measurements, DateTime from, DateTime to, CancellationToken ct)
    {
        // InfluxQL's DELETE names no policy: it deletes from every policy of the database, results included.
        var query = string.Join("; ", measurements.Select(m => $"DELETE FROM \"{m}\" WHERE \"site\" = $site AND time >= $from AND time < $to"));
        return influx.RunAsync(query, new Dictionary<string, object> { ["site"] = site, ["from"] = Rfc3339(from), ["to"] = Rfc3339(to) }, "delete", ct);
    }

    public async Task<IReadOnlyList<T>> ReadAsync<T>(string measurement, IReadOnlyList<TagEquals> filter, DateTime fromUtc, DateTime toUtc,
        Func<IStoredRow, T> read, CancellationToken ct)
    {
        var result = new List<T>();
        await influx.QueryAsync(Select(measurement, filter, out var parameters, fromUtc, toUtc) + " ORDER BY time ASC", parameters, s =>
        {
            var columns = s.Columns().Select((c, i) => (c, i)).ToDictionary(c => c.c, c => c.i, StringComparer.Ordinal);
            foreach (var values in s.Rows) result.Add(read(new JsonRow(columns, values)));
        }, ct).ConfigureAwait(false);
        return result;
    }

    public Task DeleteRowsAsync(string measurement, IReadOnlyList<TagEquals> filter, CancellationToken ct)
    {
        var parameters = new Dictionary<string, object> { ["site"] = site };
        var query = $"DELETE FROM \"{measurement}\" WHERE \"site\" = $site{InfluxLines.Where(filter, parameters)}";
        return influx.RunAsync(query, parameters, "delete", ct);
    }

    public async Task<DateTime?> LatestAsync(string measurement, IReadOnlyList<TagEquals> filter, CancellationToken ct)
    {
        DateTime? latest = null;
        await influx.QueryAsync(Select(measurement, filter, out var parameters) + " ORDER BY time DESC LIMIT 1", parameters, s =>
        {
            foreach (var row in s.Rows) latest = DateTime.UnixEpoch.AddMilliseconds(row[0].GetInt64());
        }, ct).ConfigureAwait(false);
        return latest;
    }

    public Task<IReadOnlyDictionary<string, ColumnTotals?[]>> SumAsync(ColumnSumQuery query, CancellationToken ct) =>
        new InfluxColumnSums(influx, site).SumAsync(query, ct);

    /// <summary><c>SELECT * FROM "results"."m" WHERE site, time range and filter</c>, its values in <paramref name="parameters"/>.</summary>
    private string Select(string measurement, IReadOnlyList<TagEquals> filter, out Dictionary<string, object> parameters, DateTime? from = null, DateTime? to = null)
    {
        parameters = new Dictionary<string, object> { ["site"] = site };
        var where = "\"site\" = $site";
        if (from is DateTime f && to is DateTime t)
        {
            where += " AND time >= $from AND time < $to";
            parameters["from"] = Rfc3339(f);
            parameters["to"] = Rfc3339(t);
        }
        return $"SELECT * FROM {InfluxRetention.Results(measurement)} WHERE {where}{InfluxLines.Where(filter, parameters)}";
    }

    internal static string Rfc3339(DateTime utc) => ReadingCodec.FormatTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    private sealed class JsonRow(Dictionary<string, int> columns, JsonElement values) : IStoredRow
    {
        public DateTime TimeUtc => DateTime.UnixEpoch.AddMilliseconds(values[columns["time"]].GetInt64());
        private JsonElement? Get(string c) => columns.TryGetValue(c, out var i) && values[i].ValueKind != JsonValueKind.Null ? values[i] : null;
        public string? Text(string column) => Get(column)?.GetString();
        public double? Float(string column) => Get(column)?.GetDouble();
        public long? Integer(string column) => Get(column)?.GetInt64();
        public byte[]? Base64(string column) => Get(column)?.GetBytesFromBase64();
    }
}
