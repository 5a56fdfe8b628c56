using System.Diagnostics;
using Lustrac.Energy.Autonomy.Intervals;

namespace Lustrac.Energy.Server.Bench;

/// <summary>
/// InfluxDB's own time to return a year of readings: the same queries the reading store sends, run in parallel, with
/// the response bytes read and thrown away (no parsing). A floor for any recompute from raw readings.
/// </summary>
internal sealed class RawInfluxQuery(HttpClient http, string database)
{
    public async Task<double> TimeYearAsync(string[] quantities, IntervalGrid year)
    {
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(quantities.Select(q => DrainAsync(q, year)));
        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// InfluxDB's own time to return the year's packed day profiles in the parts <see cref="Scenarios.StoredEnergy"/> asks
    /// for them (side by side), bytes read and thrown away: the floor of the scenario's read from this store.
    /// </summary>
    public async Task<double> TimeProfilesAsync(string site, IReadOnlyList<(DateTime From, DateTime To)> parts)
    {
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(parts.Select(p => DrainAsync(
            $"SELECT * FROM \"results\".\"energy_profile\" WHERE \"site\" = '{site}' AND time >= {Ms(p.From)}ms AND time < {Ms(p.To)}ms ORDER BY time ASC", false)));
        return sw.Elapsed.TotalMilliseconds;
    }

    private static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private Task DrainAsync(string quantity, IntervalGrid year)
    {
        long from = Ms(year.StartUtc.AddMinutes(-30)), to = Ms(year.EndUtc.AddMinutes(30));
        return DrainAsync($"SELECT \"value\", \"quality\" FROM \"{quantity}\" WHERE time >= {from}ms AND time < {to}ms AND \"quality\" != 'bad' GROUP BY \"device\"", true);
    }

    private async Task DrainAsync(string query, bool chunked)
    {
        var form = new Dictionary<string, string> { ["q"] = query, ["db"] = database, ["epoch"] = "ms" };
        if (chunked) (form["chunked"], form["chunk_size"]) = ("true", "50000");
        using var response = await http.PostAsync("query", new FormUrlEncodedContent(form), CancellationToken.None);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = await body.ReadAsync(buffer)) > 0;) total += n;
        if (total < 100) throw new InvalidOperationException($"InfluxDB answered {total} bytes to {query}");
    }
}
