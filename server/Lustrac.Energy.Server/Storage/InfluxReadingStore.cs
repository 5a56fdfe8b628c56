using System.Text;
using System.Text.Json;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;

namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// InfluxDB through its v1 HTTP API: line protocol to <c>/write</c>, InfluxQL to <c>/query</c>.
/// One measurement per quantity, tags for where a reading comes from, fields for what it says.
/// Quality and seq are fields, not tags, so an overwrite of the same (device, quantity, time) replaces the
/// point instead of creating a second series.
/// </summary>
public sealed class InfluxReadingStore(HttpClient http, StoreSettings settings) : IReadingStore
{
    /// <summary>A batch of 5,000 readings is about 750 KB of line protocol.</summary>
    private const int BufferBytes = 1 << 20;

    [ThreadStatic] private static ReadingLines? t_singleLine;

    private readonly InfluxClient _influx = new(http, settings);
    private ReadingLines? _spareLines;

    public async Task InitialiseAsync(CancellationToken ct)
    {
        var db = settings.InfluxDatabase;
        if (!Identifiers.IsValid(db)) throw new ArgumentException($"InfluxDB database name '{db}' must be {Identifiers.Rule}");
        await _influx.RunAsync($"CREATE DATABASE \"{db}\"", null, "create database", ct).ConfigureAwait(false);
        // The readings' policy ("autogen", the default) gets Store:RetentionDays in Autonomy/InfluxRetention, after results are safe.
    }

    public async Task WriteAsync(IReadOnlyList<StoredReading> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        // One buffer serves every batch; a concurrent writer (never the ingest's own loop) makes its own.
        var lines = Interlocked.Exchange(ref _spareLines, null) ?? new ReadingLines(BufferBytes);
        lines.Clear();
        for (var i = 0; i < batch.Count; i++) lines.Append(batch[i]);
        using var content = new ReadOnlyMemoryContent(lines.Written);
        await _influx.WriteAsync(content, null, "write", ct).ConfigureAwait(false);
        // Kept for the next batch only once InfluxDB has answered: a request that failed on its way may still be reading it.
        Volatile.Write(ref _spareLines, lines);
    }

    /// <summary>One reading as a line of line protocol (what <see cref="WriteAsync"/> sends), for tests and benchmarks.</summary>
    public static void AppendLine(StringBuilder body, StoredReading r)
    {
        var line = t_singleLine ??= new ReadingLines();
        line.Clear();
        line.Append(r);
        body.Append(Encoding.UTF8.GetString(line.Written.Span));
    }

    public async Task<IReadOnlyList<StoredReading>> ReadAsync(string device, string quantity, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        // The measurement name cannot be a bound parameter, so it must come from the fixed vocabulary.
        var q = Known(quantity);
        var query = $"SELECT \"value\", \"quality\", \"seq\", \"site\", \"gateway\", \"role\", \"household\", \"asset\", \"unit\" FROM \"{q.Name}\" " +
                    "WHERE \"device\" = $device AND time >= $from AND time < $to ORDER BY time ASC";
        var parameters = new Dictionary<string, object> { ["device"] = device, ["from"] = ReadingCodec.FormatTime(from), ["to"] = ReadingCodec.FormatTime(to) };
        var result = new List<StoredReading>();
        // RFC 3339 times: a reading keeps its instant to the nanosecond InfluxDB stores.
        await _influx.QueryAsync(query, parameters, s =>
        {
            foreach (var row in s.Rows)
            {
                // A point missing one of its fields is skipped, never fatal: it was not written by us, or InfluxDB 1.x let
                // this query see a point being written field by field (it happens while ingest is flooding).
                if (row[1].ValueKind != JsonValueKind.Number || row[3].ValueKind != JsonValueKind.Number
                    || !ReadingQualityNames.TryParse(row[2].ValueKind == JsonValueKind.String ? row[2].GetString() : null, out var quality)) continue;
                result.Add(new StoredReading(
                    row[4].GetString() ?? "", row[5].GetString() ?? "", device, row[6].GetString() ?? "",
                    NullIfEmpty(row[7]), NullIfEmpty(row[8]), q.Name, row[9].GetString() ?? q.Unit,
                    DateTimeOffset.Parse(row[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                    row[1].GetDouble(), quality, (ulong)row[3].GetInt64()));
            }
        }, ct, epochMs: false).ConfigureAwait(false);
        return result;
    }

    public async Task<IReadOnlyDictionary<string, List<ReadingPoint>>> ReadQuantityAsync(string quantity, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var q = Known(quantity);
        var query = $"SELECT \"value\", \"quality\" FROM \"{q.Name}\" WHERE time >= $from AND time < $to AND \"quality\" != 'bad' GROUP BY \"device\"";
        var parameters = new Dictionary<string, object> { ["from"] = ReadingCodec.FormatTime(from), ["to"] = ReadingCodec.FormatTime(to) };
        var result = new Dictionary<string, List<ReadingPoint>>(StringComparer.Ordinal);
        // Epoch milliseconds parse far faster than RFC 3339 text; chunks keep memory flat on a year of readings.
        await _influx.QueryAsync(query, parameters, s =>
        {
            var device = s.Tag("device");
            if (!result.TryGetValue(device, out var list)) result[device] = list = new List<ReadingPoint>();
            foreach (var row in s.Rows)
                if (Point(row) is { } point) list.Add(point);
        }, ct, chunkSize: 50_000).ConfigureAwait(false);
        return result;
    }

    public async Task<IReadOnlyDictionary<string, ReadingPoint>> ReadNearestAsync(
        string quantity, IReadOnlyCollection<string> devices, DateTimeOffset at, ReadingSide side, CancellationToken ct)
    {
        var q = Known(quantity);
        var result = new Dictionary<string, ReadingPoint>(StringComparer.Ordinal);
        if (devices.Count == 0) return result;
        // LIMIT applies per series of the GROUP BY: one point per device, read from the series' index end inwards.
        var parameters = new Dictionary<string, object> { ["at"] = ReadingCodec.FormatTime(at) };
        var names = devices.Select((d, i) => { parameters["d" + i] = d; return $"\"device\" = $d{i}"; });
        var query = $"SELECT \"value\", \"quality\" FROM \"{q.Name}\" WHERE ({string.Join(" OR ", names)}) AND " +
            (side == ReadingSide.Before ? "time < $at" : "time >= $at") +
            $" AND \"quality\" != 'bad' GROUP BY \"device\" ORDER BY time {(side == ReadingSide.Before ? "DESC" : "ASC")} LIMIT 1";
        await _influx.QueryAsync(query, parameters, s =>
        {
            foreach (var row in s.Rows)
                if (Point(row) is { } point) result[s.Tag("device")] = point;
        }, ct).ConfigureAwait(false);
        return result;
    }

    public Task DeleteDevicesAsync(IReadOnlyCollection<string> devices, CancellationToken ct)
    {
        if (devices.Count == 0) return Task.CompletedTask;
        // DELETE without FROM: every measurement (one per quantity) of every policy; results carry no device tag
        // except counter events, which describe these devices' readings and go with them.
        var parameters = new Dictionary<string, object>();
        var names = devices.Select((d, i) => { parameters["d" + i] = d; return $"\"device\" = $d{i}"; });
        return _influx.RunAsync($"DELETE WHERE {string.Join(" OR ", names)}", parameters, "delete", ct);
    }

    private static Quantity Known(string quantity) =>
        QuantityVocabulary.TryGet(quantity, out var q) ? q : throw new ArgumentException($"unknown quantity '{quantity}'");

    /// <summary>[time ms, value, quality]; a point without a numeric value was not written by us: skipped, never failing the read.</summary>
    private static ReadingPoint? Point(JsonElement row) => row[1].ValueKind != JsonValueKind.Number ? null
        : new ReadingPoint(row[0].GetInt64(), row[1].GetDouble(), row[2].ValueEquals("uncertain") ? ReadingQuality.Uncertain : ReadingQuality.Good);

    private static string? NullIfEmpty(JsonElement e) => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s ? s : null;
}

/// <summary>A store failure. Permanent ones (the data is refused) are not retried; others (outage) are.</summary>
public sealed class StoreException(string message, bool permanent) : Exception(message)
{
    public bool Permanent { get; } = permanent;
}
