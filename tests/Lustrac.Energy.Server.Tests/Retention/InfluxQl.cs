using System.Text.Json;

namespace Lustrac.Energy.Server.Tests.Retention;

/// <summary>InfluxQL statements run by the tests themselves, to look at what the stores did.</summary>
public sealed class InfluxQl(Uri url)
{
    private readonly HttpClient _http = new() { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The rows of every series of the first statement, as (series name, column → value) pairs.</summary>
    public async Task<List<Dictionary<string, JsonElement>>> RowsAsync(string database, string statement)
    {
        using var response = await _http.PostAsync("query", new FormUrlEncodedContent(new Dictionary<string, string> { ["db"] = database, ["q"] = statement, ["epoch"] = "ms" }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{statement}: HTTP {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        var result = json.RootElement.GetProperty("results")[0];
        Assert.False(result.TryGetProperty("error", out var error), $"{statement}: {error}");
        var rows = new List<Dictionary<string, JsonElement>>();
        if (!result.TryGetProperty("series", out var series)) return rows;
        foreach (var s in series.EnumerateArray())
        {
            var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            if (!s.TryGetProperty("values", out var values)) continue;
            foreach (var v in values.EnumerateArray())
            {
                var row = columns.Select((c, i) => (c, v[i].Clone())).ToDictionary(x => x.c, x => x.Item2);
                if (s.TryGetProperty("name", out var name)) row["__series"] = name.Clone();
                rows.Add(row);
            }
        }
        return rows;
    }

    public async Task WriteAsync(string database, string policy, string line)
    {
        using var response = await _http.PostAsync($"write?db={database}&rp={policy}&precision=ms", new StringContent(line));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    public async Task<long> CountAsync(string database, string from, string field)
    {
        var rows = await RowsAsync(database, $"SELECT count(\"{field}\") FROM {from}");
        return rows.Count == 0 ? 0 : rows[0]["count"].GetInt64();
    }
}
