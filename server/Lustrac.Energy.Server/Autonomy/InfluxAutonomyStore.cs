using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Autonomy;

/// <summary>
/// Results as InfluxDB measurements (<c>energy_interval</c>, …) with tags site/scope/household or site/asset. InfluxDB
/// merges the fields of two writes of one point, so a field that became undefined would survive an overwrite:
/// replacing a range therefore deletes it first, then writes. Measurement names are constants of the schema; every
/// value in a query is a bound parameter. A rewrite reads what is stored and deletes only when a field would survive.
/// </summary>
public sealed class InfluxAutonomyStore(HttpClient http, StoreSettings settings, string site) : IAutonomyStore, ITurningStore
{
    /// <summary>The database, its two retention policies and the one-time copy of results an older version left in autogen.</summary>
    public Task InitialiseAsync(CancellationToken ct) => InfluxRetention.ApplyAsync(http, settings, ct);

    public async Task ReplaceAsync(AutonomyResults results, CancellationToken ct)
    {
        // A first write of new intervals has nothing to clear; a rewrite clears only measurements where an old field would survive.
        if (!results.NeverStored)
        {
            var stale = new List<string>();
            if (await NeedsClearingAsync(AutonomySchema.Energy, results.FromUtc, results.ToUtc, results.Energy, ct).ConfigureAwait(false)) stale.Add(AutonomySchema.Energy.Name);
            if (await NeedsClearingAsync(AutonomySchema.Water, results.FromUtc, results.ToUtc, results.Water, ct).ConfigureAwait(false)) stale.Add(AutonomySchema.Water.Name);
            if (await NeedsClearingAsync(AutonomySchema.Tank, results.FromUtc, results.ToUtc, results.Tanks, ct).ConfigureAwait(false)) stale.Add(AutonomySchema.Tank.Name);
            if (await NeedsClearingAsync(AutonomySchema.Compost, results.FromUtc, results.ToUtc, results.Compost, ct).ConfigureAwait(false)) stale.Add(AutonomySchema.Compost.Name);
            if (await NeedsClearingAsync(CounterEvents.Schema, results.FromUtc, results.ToUtc, results.Events, ct).ConfigureAwait(false)) stale.Add(CounterEvents.Schema.Name);
            if (stale.Count > 0) await DeleteAsync([.. stale], results.FromUtc, results.ToUtc, ct).ConfigureAwait(false);
        }
        if (results.Energy.Count + results.Water.Count + results.Tanks.Count + results.Compost.Count + results.Events.Count <= RowsPerWrite)
        {
            // A normal close: one write (one WAL sync in InfluxDB) for every measurement.
            var body = new StringBuilder();
            Append(body, AutonomySchema.Energy, results.Energy);
            Append(body, AutonomySchema.Water, results.Water);
            Append(body, AutonomySchema.Tank, results.Tanks);
            Append(body, AutonomySchema.Compost, results.Compost);
            Append(body, CounterEvents.Schema, results.Events);
            await WriteAsync(body, ct).ConfigureAwait(false);
            return;
        }
        await WriteAsync(AutonomySchema.Energy, results.Energy, ct).ConfigureAwait(false);
        await WriteAsync(AutonomySchema.Water, results.Water, ct).ConfigureAwait(false);
        await WriteAsync(AutonomySchema.Tank, results.Tanks, ct).ConfigureAwait(false);
        await WriteAsync(AutonomySchema.Compost, results.Compost, ct).ConfigureAwait(false);
        await WriteAsync(CounterEvents.Schema, results.Events, ct).ConfigureAwait(false);
    }

    public async Task ReplaceVitalNeedsAsync(IReadOnlyList<VitalNeedsRow> days, CancellationToken ct)
    {
        foreach (var day in days)
        {
            DateTime from = day.DayStartUtc, to = day.DayStartUtc.AddMilliseconds(1);
            if (await NeedsClearingAsync(AutonomySchema.Vital, from, to, [day], ct).ConfigureAwait(false))
                await DeleteAsync([AutonomySchema.Vital.Name], from, to, ct).ConfigureAwait(false);
        }
        await WriteAsync(AutonomySchema.Vital, days, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// True when a point stored in [from, to) would keep a field the new rows leave out, or would not be rewritten at
    /// all: only then must the range be deleted first (InfluxDB merges the fields of two writes of one point, and its
    /// DELETE costs hundreds of milliseconds, far more than this read).
    /// </summary>
    private async Task<bool> NeedsClearingAsync<T>(MeasurementSchema<T> s, DateTime from, DateTime to, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var tags = s.Tags.Select(t => t.Name).ToArray();
        var fresh = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var row in rows)
            fresh[Identity(Ms(s.Time(row)), s.Tags.Select(t => (string?)t.Value(row)))] =
                s.Fields.Where(f => f.Value(row) is not null).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        using var response = await QueryAsync($"SELECT * FROM {InfluxRetention.Results(s.Name)} WHERE \"site\" = $site AND time >= $from AND time < $to",
            new() { ["site"] = site, ["from"] = Rfc3339(from), ["to"] = Rfc3339(to) }, ct).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
        foreach (var statement in json.RootElement.GetProperty("results").EnumerateArray())
        {
            if (statement.TryGetProperty("error", out var error)) throw new InvalidOperationException($"InfluxDB query failed: {error.GetString()}");
            if (!statement.TryGetProperty("series", out var series)) continue;
            foreach (var set in series.EnumerateArray())
            {
                var columns = set.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
                var fields = s.Fields.Select(f => (f.Name, Index: Array.IndexOf(columns, f.Name))).Where(f => f.Index >= 0).ToArray();
                var tagIndex = tags.Select(t => Array.IndexOf(columns, t)).ToArray();
                foreach (var values in set.GetProperty("values").EnumerateArray())
                {
                    var key = Identity(values[0].GetInt64(), tagIndex.Select(i => i >= 0 ? values[i].GetString() : null));
                    if (!fresh.TryGetValue(key, out var kept)) return true;
                    foreach (var (name, index) in fields)
                        if (values[index].ValueKind != JsonValueKind.Null && !kept.Contains(name)) return true;
                }
            }
        }
        return false;

        static string Identity(long ms, IEnumerable<string?> tagValues) => ms.ToString(CultureInfo.InvariantCulture) + "|" + string.Join("|", tagValues.Select(v => v ?? ""));
    }

    /// <summary>InfluxDB refuses large bodies (1.x: 25 MB by default), so a long backfill is written in parts.</summary>
    private const int RowsPerWrite = 5000;

    private async Task WriteAsync<T>(MeasurementSchema<T> s, IReadOnlyList<T> rows, CancellationToken ct)
    {
        for (int i = 0; i < rows.Count; i += RowsPerWrite)
        {
            var body = new StringBuilder();
            Append(body, s, rows.Skip(i).Take(RowsPerWrite).ToList());
            await WriteAsync(body, ct).ConfigureAwait(false);
        }
    }

    private void Append<T>(StringBuilder body, MeasurementSchema<T> s, IReadOnlyList<T> rows)
    {
        foreach (var row in rows)
        {
            LineProtocol.AppendMeasurement(body, s.Name);
            // Tags in key order (InfluxDB's fastest path); an empty value (neighbourhood household) is left out.
            foreach (var tag in s.Tags.Append(new Column<T>("site", ColumnKind.Tag, _ => site)).OrderBy(t => t.Name, StringComparer.Ordinal))
                LineProtocol.AppendTag(body, tag.Name, (string)tag.Value(row)!);
            char separator = ' ';
            foreach (var field in s.Fields)
            {
                var value = field.Value(row);
                if (value is null) continue;
                body.Append(separator);
                separator = ',';
                LineProtocol.AppendFieldKey(body, field.Name);
                body.Append('=');
                switch (value)
                {
                    case double d: LineProtocol.AppendFloat(body, d); break;
                    case long l: LineProtocol.AppendInteger(body, l); break;
                    default: LineProtocol.AppendString(body, (string)value); break;
                }
            }
            body.Append(' ').Append(Ms(s.Time(row)).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private async Task WriteAsync(StringBuilder body, CancellationToken ct)
    {
        if (body.Length == 0) return;
        using var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"write?db={Uri.EscapeDataString(settings.InfluxDatabase)}&rp={InfluxRetention.ResultsPolicy}&precision=ms") { Content = content };
        InfluxHttp.AddCredentials(request, settings);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        await InfluxHttp.EnsureSuccessAsync(response, "write", ct).ConfigureAwait(false);
    }

    private async Task DeleteAsync(string[] measurements, DateTime from, DateTime to, CancellationToken ct)
    {
        // InfluxQL's DELETE names no policy: it deletes from every policy of the database, results included.
        var query = string.Join("; ", measurements.Select(m => $"DELETE FROM \"{m}\" WHERE \"site\" = $site AND time >= $from AND time < $to"));
        using var _ = await QueryAsync(query, new() { ["site"] = site, ["from"] = Rfc3339(from), ["to"] = Rfc3339(to) }, ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<EnergyIntervalRow>> ReadEnergyAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Energy, household, true, fromUtc, toUtc, ct);

    /// <summary>Every <c>energy_day</c> field is written every time (sums and counts, never absent), and a scope's
    /// intervals are never removed, so an overwrite replaces each point whole: no read, no DELETE.</summary>
    public Task ReplaceEnergyDaysAsync(DateTime fromUtc, DateTime toUtc, IReadOnlyList<EnergyDayRow> rows, CancellationToken ct) =>
        WriteAsync(EnergyDays.Schema, rows, ct);

    public Task WriteEnergyDaysAsync(IReadOnlyList<EnergyDayRow> rows, CancellationToken ct) => WriteAsync(EnergyDays.Schema, rows, ct);

    /// <summary>
    /// Day rows are few (366 per scope and year) and carry their interval counts: they are read and added up here,
    /// which InfluxDB 1.6 answers faster than a sum() per field grouped by day.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, EnergyPeriodSum?[]>> SumEnergyDaysAsync(ScopeSelection scopes, IReadOnlyList<DateTime> boundariesUtc, CancellationToken ct)
    {
        if (boundariesUtc.Count < 2) return new Dictionary<string, EnergyPeriodSum?[]>();
        var where = "\"site\" = $site AND time >= $from AND time < $to";
        var parameters = new Dictionary<string, object> { ["site"] = site, ["from"] = Rfc3339(boundariesUtc[0]), ["to"] = Rfc3339(boundariesUtc[^1]) };
        if (!scopes.Every) where += ScopeFilter(scopes.Household, parameters);
        var rows = await QueryRowsAsync($"SELECT * FROM {InfluxRetention.Results(EnergyDays.Schema.Name)} WHERE {where}", parameters, EnergyDays.Schema.Read, ct).ConfigureAwait(false);
        return EnergySums.OfDays(rows, boundariesUtc);
    }

    public async Task<IReadOnlyDictionary<string, EnergyPeriodSum?[]>> SumEnergyAsync(ScopeSelection scopes, IReadOnlyList<DateTime> boundariesUtc, CancellationToken ct)
    {
        // Per run of equal periods: the sums, then the interpolated and estimated counts (measured = defined − both).
        var sums = string.Join(", ", EnergySums.PartColumns.Select(c => $"sum(\"{c}\")"));
        var (runs, statements, parameters) = RunStatements(scopes, boundariesUtc, (where, groupBy) =>
        [
            $"SELECT {sums}, sum(\"meters_reporting\"), sum(\"meters_expected\"), count(\"consumption_kwh\") FROM {InfluxRetention.Results(AutonomySchema.Energy.Name)} WHERE {where} {groupBy}",
            $"SELECT count(\"consumption_kwh\") FROM {InfluxRetention.Results(AutonomySchema.Energy.Name)} WHERE {where} AND \"quality\" = 'interpolated' {groupBy}",
            $"SELECT count(\"consumption_kwh\") FROM {InfluxRetention.Results(AutonomySchema.Energy.Name)} WHERE {where} AND \"quality\" = 'estimated' {groupBy}",
        ]);
        int n = EnergySums.PartColumns.Length;
        return await SumRunsAsync(runs, 3, statements, parameters, boundariesUtc.Count - 1, (statement, row, sum) => statement == 0
            ? sum with
            {
                Sum = EnergySums.Parts(i => row[1 + i].ValueKind == JsonValueKind.Number ? row[1 + i].GetDouble() : null),
                Measured = sum.Measured + (int)Long(row[n + 3]), // the interpolated ones are moved out by the second statement
                MetersReporting = Long(row[n + 1]),
                MetersExpected = Long(row[n + 2]),
            }
            : statement == 1
                ? sum with { Measured = sum.Measured - (int)Long(row[1]), Interpolated = (int)Long(row[1]) }
                : sum with { Measured = sum.Measured - (int)Long(row[1]), Estimated = (int)Long(row[1]) }, ct).ConfigureAwait(false);
    }

    /// <summary>The statements of each run of equal periods (bound times, scope filter, GROUP BY household and time).</summary>
    private (List<EnergySums.PeriodRun> Runs, List<string> Statements, Dictionary<string, object> Parameters) RunStatements(
        ScopeSelection scopes, IReadOnlyList<DateTime> boundariesUtc, Func<string, string, string[]> statementsOfRun)
    {
        var parameters = new Dictionary<string, object> { ["site"] = site };
        var filter = scopes.Every ? "" : ScopeFilter(scopes.Household, parameters);
        var runs = EnergySums.Runs(boundariesUtc);
        var statements = new List<string>();
        for (int k = 0; k < runs.Count; k++)
        {
            parameters[$"from{k}"] = Rfc3339(runs[k].StartUtc);
            parameters[$"to{k}"] = Rfc3339(runs[k].EndUtc);
            var where = $"\"site\" = $site AND time >= $from{k} AND time < $to{k}{filter}";
            var groupBy = "GROUP BY \"household\"" + (runs[k].Count > 1 ? GroupByTime(runs[k]) : "");
            statements.AddRange(statementsOfRun(where, groupBy));
        }
        return (runs, statements, parameters);
    }

    /// <summary>Runs the statements in one request and folds each result row into the sum of its scope and period.</summary>
    private async Task<IReadOnlyDictionary<string, EnergyPeriodSum?[]>> SumRunsAsync(List<EnergySums.PeriodRun> runs, int statementsPerRun,
        List<string> statements, Dictionary<string, object> parameters, int periods, Func<int, JsonElement, EnergyPeriodSum, EnergyPeriodSum> fold, CancellationToken ct)
    {
        var result = new Dictionary<string, EnergyPeriodSum?[]>(StringComparer.Ordinal);
        if (periods < 1) return result;
        using var response = await QueryAsync(string.Join("; ", statements), parameters, ct).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
        foreach (var statement in json.RootElement.GetProperty("results").EnumerateArray())
        {
            if (statement.TryGetProperty("error", out var error)) throw new InvalidOperationException($"InfluxDB query failed: {error.GetString()}");
            if (!statement.TryGetProperty("series", out var series)) continue;
            int id = statement.GetProperty("statement_id").GetInt32();
            var run = runs[id / statementsPerRun];
            foreach (var s in series.EnumerateArray())
            {
                var key = s.TryGetProperty("tags", out var tags) && tags.TryGetProperty("household", out var h) ? h.GetString() ?? "" : "";
                if (!result.TryGetValue(key, out var scope)) result[key] = scope = new EnergyPeriodSum?[periods];
                foreach (var row in s.GetProperty("values").EnumerateArray())
                {
                    int p = run.FirstPeriod + (run.Count > 1 ? (int)((row[0].GetInt64() - Ms(run.StartUtc)) / (long)run.Length.TotalMilliseconds) : 0);
                    scope[p] = fold(id % statementsPerRun, row, scope[p] ?? default);
                }
            }
        }
        return result;
    }

    private static long Long(JsonElement e) => e.ValueKind == JsonValueKind.Number ? (long)e.GetDouble() : 0;

    /// <summary>Buckets of the run's length starting at the run's start (InfluxDB aligns buckets on the epoch plus the offset).</summary>
    private static string GroupByTime(EnergySums.PeriodRun run)
    {
        long length = (long)run.Length.TotalMilliseconds;
        long offset = ((Ms(run.StartUtc) % length) + length) % length;
        return FormattableString.Invariant($", time({length}ms, {offset}ms) fill(none)");
    }

    public Task<IReadOnlyList<WaterIntervalRow>> ReadWaterAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Water, household, true, fromUtc, toUtc, ct);

    public Task<IReadOnlyList<CounterEventRow>> ReadCounterEventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(CounterEvents.Schema, null, false, fromUtc, toUtc, ct);

    public Task<IReadOnlyList<TankStateRow>> ReadTanksAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Tank, null, false, fromUtc, toUtc, ct);

    public Task<IReadOnlyList<CompostStatusRow>> ReadCompostAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Compost, null, false, fromUtc, toUtc, ct);

    public Task<IReadOnlyList<VitalNeedsRow>> ReadVitalNeedsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Vital, null, false, fromUtc, toUtc, ct);

    /// <summary>One point; the same (site, pile, time) again overwrites it, with the same fields, so nothing stale survives.</summary>
    public Task RecordTurningAsync(CompostTurning turning, CancellationToken ct) => WriteAsync(AutonomySchema.Turning, [turning], ct);

    public Task<IReadOnlyList<CompostTurning>> ReadTurningsAsync(string? pile, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var where = "\"site\" = $site AND time >= $from AND time < $to";
        var parameters = new Dictionary<string, object> { ["site"] = site, ["from"] = Rfc3339(fromUtc), ["to"] = Rfc3339(toUtc) };
        if (pile is not null)
        {
            where += " AND \"asset\" = $asset";
            parameters["asset"] = pile;
        }
        var s = AutonomySchema.Turning;
        return QueryRowsAsync($"SELECT * FROM {InfluxRetention.Results(s.Name)} WHERE {where} ORDER BY time ASC", parameters, s.Read, ct);
    }

    public async Task<DateTime?> LatestIntervalAsync(CancellationToken ct)
    {
        var rows = await QueryRowsAsync(
            $"SELECT last(\"coverage\") FROM {InfluxRetention.Results(AutonomySchema.Energy.Name)} WHERE \"site\" = $site AND \"scope\" = 'neighbourhood'",
            new() { ["site"] = site }, r => r.TimeUtc, ct).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null;
    }

    private Task<IReadOnlyList<T>> ReadAsync<T>(MeasurementSchema<T> s, string? household, bool scoped, DateTime from, DateTime to, CancellationToken ct)
    {
        var where = "\"site\" = $site AND time >= $from AND time < $to";
        var parameters = new Dictionary<string, object> { ["site"] = site, ["from"] = Rfc3339(from), ["to"] = Rfc3339(to) };
        if (scoped) where += ScopeFilter(household, parameters);
        return QueryRowsAsync($"SELECT * FROM {InfluxRetention.Results(s.Name)} WHERE {where} ORDER BY time ASC", parameters, s.Read, ct);
    }

    /// <summary>The condition selecting one scope (household null = the neighbourhood), its values bound in
    /// <paramref name="parameters"/>. household = '' matches points without the tag: the neighbourhood rows.</summary>
    private static string ScopeFilter(string? household, Dictionary<string, object> parameters)
    {
        parameters["scope"] = household is null ? AutonomyScope.Neighbourhood : AutonomyScope.Household;
        parameters["household"] = household ?? "";
        return " AND \"scope\" = $scope AND \"household\" = $household";
    }

    private async Task<IReadOnlyList<T>> QueryRowsAsync<T>(string query, Dictionary<string, object> parameters, Func<IStoredRow, T> read, CancellationToken ct)
    {
        using var response = await QueryAsync(query, parameters, ct).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
        var result = new List<T>();
        foreach (var statement in json.RootElement.GetProperty("results").EnumerateArray())
        {
            if (statement.TryGetProperty("error", out var error)) throw new InvalidOperationException($"InfluxDB query failed: {error.GetString()}");
            if (!statement.TryGetProperty("series", out var series)) continue;
            foreach (var s in series.EnumerateArray())
            {
                var columns = s.GetProperty("columns").EnumerateArray().Select((c, i) => (c.GetString()!, i)).ToDictionary(c => c.Item1, c => c.i);
                foreach (var values in s.GetProperty("values").EnumerateArray()) result.Add(read(new JsonRow(columns, values)));
            }
        }
        return result;
    }

    private sealed class JsonRow(Dictionary<string, int> columns, JsonElement values) : IStoredRow
    {
        public DateTime TimeUtc => DateTime.UnixEpoch.AddMilliseconds(values[columns["time"]].GetInt64());
        private JsonElement? Get(string c) => columns.TryGetValue(c, out var i) && values[i].ValueKind != JsonValueKind.Null ? values[i] : null;
        public string? Text(string column) => Get(column)?.GetString();
        public double? Float(string column) => Get(column)?.GetDouble();
        public long? Integer(string column) => Get(column)?.GetInt64();
    }

    private async Task<HttpResponseMessage> QueryAsync(string query, Dictionary<string, object> parameters, CancellationToken ct)
    {
        var form = new Dictionary<string, string>
        {
            ["q"] = query, ["db"] = settings.InfluxDatabase, ["epoch"] = "ms", ["params"] = JsonSerializer.Serialize(parameters),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "query") { Content = new FormUrlEncodedContent(form) };
        InfluxHttp.AddCredentials(request, settings);
        var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        try
        {
            await InfluxHttp.EnsureSuccessAsync(response, "query", ct).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static string Rfc3339(DateTime utc) => ReadingCodec.FormatTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
    private static long Ms(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}
