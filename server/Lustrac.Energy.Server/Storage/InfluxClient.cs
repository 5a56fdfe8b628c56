using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// InfluxDB's v1 HTTP API as every store speaks it: credentials, line protocol to <c>/write</c>, InfluxQL with bound
/// parameters to <c>/query</c>, and the one reader of its JSON answers. A refused request or a failed statement is a
/// <see cref="StoreException"/> naming what failed; 4xx and statement errors are permanent, anything else may pass on a retry.
/// </summary>
public sealed class InfluxClient(HttpClient http, StoreSettings settings)
{
    public StoreSettings Settings => settings;

    /// <summary>Writes line protocol (millisecond times) into <paramref name="policy"/>, or the database's default policy when null.</summary>
    public async Task WriteAsync(HttpContent lines, string? policy, string what, CancellationToken ct)
    {
        lines.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var path = $"write?db={Uri.EscapeDataString(settings.InfluxDatabase)}" + (policy is null ? "" : $"&rp={Uri.EscapeDataString(policy)}") + "&precision=ms";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = lines };
        AddCredentials(request);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent) return;
        await EnsureSuccessAsync(response, what, ct).ConfigureAwait(false);
    }

    public async Task WriteAsync(StringBuilder lines, string? policy, string what, CancellationToken ct)
    {
        if (lines.Length == 0) return;
        using var content = new StringContent(lines.ToString(), Encoding.UTF8);
        await WriteAsync(content, policy, what, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="query"/> (statements joined by ';' answer in order) and hands every series of every answer
    /// to <paramref name="onSeries"/>, which must not keep it: its JSON is released after the call. Values are bound from
    /// <paramref name="parameters"/>, never spliced into the text. Times come as epoch milliseconds, or RFC 3339 text
    /// when <paramref name="epochMs"/> is false; a <paramref name="chunkSize"/> streams long answers in chunks.
    /// </summary>
    public async Task QueryAsync(string query, IReadOnlyDictionary<string, object>? parameters, Action<InfluxSeries> onSeries, CancellationToken ct,
        string what = "query", bool epochMs = true, int chunkSize = 0)
    {
        var form = new Dictionary<string, string> { ["q"] = query, ["db"] = settings.InfluxDatabase };
        if (parameters is { Count: > 0 }) form["params"] = JsonSerializer.Serialize(parameters);
        if (epochMs) form["epoch"] = "ms";
        if (chunkSize > 0)
        {
            form["chunked"] = "true";
            form["chunk_size"] = chunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "query") { Content = new FormUrlEncodedContent(form) };
        AddCredentials(request);
        // A chunked answer is read as it comes; a whole one is buffered first, as before this client (parsing from memory).
        var completion = chunkSize > 0 ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
        using var response = await http.SendAsync(request, completion, ct).ConfigureAwait(false);
        await EnsureSuccessAsync(response, what, ct).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        if (chunkSize <= 0)
        {
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct).ConfigureAwait(false);
            Visit(json.RootElement, query, what, onSeries);
            return;
        }
        // A chunked answer is one JSON document per line.
        using var lines = new StreamReader(body);
        while (await lines.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            using var json = JsonDocument.Parse(line);
            Visit(json.RootElement, query, what, onSeries);
        }
    }

    /// <summary>A statement that returns nothing (CREATE, ALTER, DELETE, SELECT … INTO).</summary>
    public Task RunAsync(string statement, IReadOnlyDictionary<string, object>? parameters, string what, CancellationToken ct) =>
        QueryAsync(statement, parameters, static _ => { }, ct, what);

    private static void Visit(JsonElement root, string query, string what, Action<InfluxSeries> onSeries)
    {
        foreach (var statement in root.GetProperty("results").EnumerateArray())
        {
            if (statement.TryGetProperty("error", out var error))
                throw new StoreException($"InfluxDB {what} failed: {error.GetString()} ({Shorten(query)})", permanent: true);
            if (!statement.TryGetProperty("series", out var series)) continue;
            int id = statement.TryGetProperty("statement_id", out var sid) ? sid.GetInt32() : 0;
            foreach (var s in series.EnumerateArray()) onSeries(new InfluxSeries(id, s));
        }
    }

    private static string Shorten(string query) => query.Length <= 300 ? query : query[..300] + "…";

    private void AddCredentials(HttpRequestMessage request)
    {
        if (settings.InfluxUsername is null) return;
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.InfluxUsername}:{settings.InfluxPassword}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
    }

    /// <summary>A 4xx means InfluxDB refused the data or the query (permanent); anything else may pass on a retry.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        throw new StoreException($"InfluxDB {what} failed: HTTP {(int)response.StatusCode} {text.Trim()}", permanent: (int)response.StatusCode is >= 400 and < 500);
    }
}

/// <summary>One series of an InfluxDB answer: its statement, tags, column names and rows (each a JSON array, time first).</summary>
public readonly struct InfluxSeries(int statementId, JsonElement series)
{
    public int StatementId => statementId;

    /// <summary>The series' GROUP BY tag, "" when it has none.</summary>
    public string Tag(string name) =>
        series.TryGetProperty("tags", out var tags) && tags.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";

    public string[] Columns() => series.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();

    public JsonElement.ArrayEnumerator Rows => series.GetProperty("values").EnumerateArray();
}
