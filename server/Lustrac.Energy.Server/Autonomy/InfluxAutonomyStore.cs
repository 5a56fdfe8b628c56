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
/// value in a query is a bound parameter.
/// </summary>
public sealed class InfluxAutonomyStore(HttpClient http, StoreSettings settings, string site) : IAutonomyStore, ITurningStore
{
    public Task InitialiseAsync(CancellationToken ct) => Task.CompletedTask; // the reading store creates the database

    public async Task ReplaceAsync(AutonomyResults results, CancellationToken ct)
    {
        // A rewrite must clear old rows first (InfluxDB keeps fields an overwrite leaves out); a first write need not.
        if (!results.NeverStored)
            await DeleteAsync([AutonomySchema.Energy.Name, AutonomySchema.Water.Name, AutonomySchema.Tank.Name, AutonomySchema.Compost.Name],
                results.FromUtc, results.ToUtc, ct).ConfigureAwait(false);
        await WriteAsync(AutonomySchema.Energy, results.Energy, ct).ConfigureAwait(false);
        await WriteAsync(AutonomySchema.Water, results.Water, ct).ConfigureAwait(false);
        await WriteAsync(AutonomySchema.Tank, results.Tanks, ct).ConfigureAwait(false);
        await WriteAsync(AutonomySchema.Compost, results.Compost, ct).ConfigureAwait(false);
    }

    public async Task ReplaceVitalNeedsAsync(IReadOnlyList<VitalNeedsRow> days, CancellationToken ct)
    {
        foreach (var day in days)
            await DeleteAsync([AutonomySchema.Vital.Name], day.DayStartUtc, day.DayStartUtc.AddMilliseconds(1), ct).ConfigureAwait(false);
        await WriteAsync(AutonomySchema.Vital, days, ct).ConfigureAwait(false);
    }

    /// <summary>InfluxDB refuses large bodies (1.x: 25 MB by default), so a long backfill is written in parts.</summary>
    private async Task WriteAsync<T>(MeasurementSchema<T> s, IReadOnlyList<T> rows, CancellationToken ct)
    {
        const int RowsPerWrite = 5000;
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
            body.Append(' ').Append(Ms(s.Time(row))).Append('\n');
        }
    }

    private async Task WriteAsync(StringBuilder body, CancellationToken ct)
    {
        if (body.Length == 0) return;
        using var content = new StringContent(body.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"write?db={Uri.EscapeDataString(settings.InfluxDatabase)}&precision=ms") { Content = content };
        InfluxHttp.AddCredentials(request, settings);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        await InfluxHttp.EnsureSuccessAsync(response, "write", ct).ConfigureAwait(false);
    }

    private async Task DeleteAsync(string[] measurements, DateTime from, DateTime to, CancellationToken ct)
    {
        var query = string.Join("; ", measurements.Select(m => $"DELETE FROM \"{m}\" WHERE \"site\" = $site AND time >= $from AND time < $to"));
        using var _ = await QueryAsync(query, new() { ["site"] = site, ["from"] = Rfc3339(from), ["to"] = Rfc3339(to) }, ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<EnergyIntervalRow>> ReadEnergyAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Energy, household, true, fromUtc, toUtc, ct);

    public Task<IReadOnlyList<WaterIntervalRow>> ReadWaterAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Water, household, true, fromUtc, toUtc, ct);

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
        return QueryRowsAsync($"SELECT * FROM \"{s.Name}\" WHERE {where} ORDER BY time ASC", parameters, s.Read, ct);
    }

    public async Task<DateTime?> LatestIntervalAsync(CancellationToken ct)
    {
        var rows = await QueryRowsAsync(
            "SELECT last(\"coverage\") FROM \"energy_interval\" WHERE \"site\" = $site AND \"scope\" = 'neighbourhood'",
            new() { ["site"] = site }, r => r.TimeUtc, ct).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null;
    }

    private Task<IReadOnlyList<T>> ReadAsync<T>(MeasurementSchema<T> s, string? household, bool scoped, DateTime from, DateTime to, CancellationToken ct)
    {
        var where = "\"site\" = $site AND time >= $from AND time < $to";
        var parameters = new Dictionary<string, object> { ["site"] = site, ["from"] = Rfc3339(from), ["to"] = Rfc3339(to) };
        if (scoped)
        {
            // household = '' matches points without the tag: the neighbourhood rows.
            where += " AND \"scope\" = $scope AND \"household\" = $household";
            parameters["scope"] = household is null ? AutonomyScope.Neighbourhood : AutonomyScope.Household;
            parameters["household"] = household ?? "";
        }
        return QueryRowsAsync($"SELECT * FROM \"{s.Name}\" WHERE {where} ORDER BY time ASC", parameters, s.Read, ct);
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
    private static string Ms(DateTime utc) => ((utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture);
}
