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

    private async Task DrainAsync(string quantity, IntervalGrid year)
    {
        long from = new DateTimeOffset(year.StartUtc.AddMinutes(-30)).ToUnixTimeMilliseconds();
        long to = new DateTimeOffset(year.EndUtc.AddMinutes(30)).ToUnixTimeMilliseconds();
        var form = new Dictionary<string, string>
        {
            ["q"] = $"SELECT \"value\", \"quality\" FROM \"{quantity}\" WHERE time >= {from}ms AND time < {to}ms AND \"quality\" != 'bad' GROUP BY \"device\"",
            ["db"] = database, ["epoch"] = "ms", ["chunked"] = "true", ["chunk_size"] = "50000",
        };
        using var response = await http.PostAsync("query", new FormUrlEncodedContent(form), CancellationToken.None);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        while (await body.ReadAsync(buffer) > 0) { }
    }
}
