using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lustrac.Energy.Ingest.Bench;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;

// End-to-end ingest (MQTT -> server -> InfluxDB) against two baselines measured in the same run on the same
// points: InfluxDB alone (line protocol in POSTs of 5,000) and Mosquitto alone (delivery to mosquitto_sub).
var messagesPerDevice = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
var w = new Workload(messagesPerDevice);
Console.WriteLine($"Workload: {Workload.Gateways} gateways x {Workload.DevicesPerGateway} devices x {messagesPerDevice} messages x {Workload.ReadingsPerMessage} readings = {w.Messages:N0} messages, {w.Readings:N0} readings");

await using var influx = await InfluxProcess.StartNewAsync();
await using var broker = await MosquittoProcess.StartNewAsync("max_inflight_messages 1000\nmax_queued_messages 1000000\nmax_queued_bytes 0");
using var http = new HttpClient { BaseAddress = influx.Url, Timeout = TimeSpan.FromMinutes(5) };

var influxRate = await InfluxAloneAsync();
var mosquittoRate = await MosquittoAloneAsync();
var (ingestRate, stored) = await EndToEndAsync();

var slower = Math.Min(influxRate, mosquittoRate);
Console.WriteLine();
Console.WriteLine("| path                                         | readings/s | vs slower baseline |");
Console.WriteLine("|----------------------------------------------|-----------:|-------------------:|");
Console.WriteLine($"| InfluxDB alone (POST /write, 5,000 per batch) | {influxRate,10:N0} | {influxRate / slower,18:F2} |");
Console.WriteLine($"| Mosquitto alone (QoS 1 to mosquitto_sub)      | {mosquittoRate,10:N0} | {mosquittoRate / slower,18:F2} |");
Console.WriteLine($"| Lustrac ingest end to end (MQTT -> InfluxDB)  | {ingestRate,10:N0} | {ingestRate / slower,18:F2} |");
Console.WriteLine();
Console.WriteLine($"Stored points counted in InfluxDB: {stored:N0} of {w.Readings:N0} ({(stored == w.Readings ? "zero loss" : $"LOST {w.Readings - stored:N0}")})");
Console.WriteLine($"Goals: >= 30,000 readings/s: {(ingestRate >= 30_000 ? "met" : "NOT met")}; >= 0.5 x slower baseline: {(ingestRate >= 0.5 * slower ? "met" : "NOT met")}");
return stored == w.Readings ? 0 : 1;

async Task<double> InfluxAloneAsync()
{
    await QueryAsync("CREATE DATABASE raw");
    var lines = new List<string>();
    var body = new StringBuilder();
    var count = 0;
    for (var g = 0; g < Workload.Gateways; g++)
        for (var d = 0; d < Workload.DevicesPerGateway; d++)
            for (var seq = 1; seq <= w.MessagesPerDevice; seq++)
            {
                var (_, m) = w.MessageOf(g, d, seq);
                foreach (var r in m.Readings)
                {
                    InfluxReadingStore.AppendLine(body, new StoredReading(w.SiteId, Workload.Gateway(g), Workload.Device(g, d), "household_meter",
                        $"h{g:D2}{d:D2}", null, r.Quantity, r.Unit, m.Time, r.Value, r.Quality, m.Seq));
                    if (++count % 5000 == 0) { lines.Add(body.ToString()); body.Clear(); }
                }
            }
    if (body.Length > 0) lines.Add(body.ToString());
    var clock = Stopwatch.StartNew();
    foreach (var batch in lines)
    {
        using var response = await http.PostAsync("write?db=raw&precision=ms", new StringContent(batch));
        response.EnsureSuccessStatusCode();
    }
    clock.Stop();
    var stored = await CountAsync("raw");
    Console.WriteLine($"InfluxDB alone: {stored:N0} points in {clock.Elapsed.TotalSeconds:F2} s");
    return w.Readings / clock.Elapsed.TotalSeconds;
}

async Task<double> MosquittoAloneAsync()
{
    var info = new ProcessStartInfo("mosquitto_sub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-q", "1",
        "-t", $"lustrac/v1/{w.SiteId}/#", "-C", w.Messages.ToString(CultureInfo.InvariantCulture), "-i", "bench-sub"])
    { RedirectStandardOutput = true };
    using var sub = Process.Start(info)!;
    var received = 0L;
    var reading = Task.Run(async () => { while (await sub.StandardOutput.ReadLineAsync() is not null) received++; });
    await Task.Delay(1000); // let it subscribe
    var clock = Stopwatch.StartNew();
    var acknowledged = await Publisher.FloodAsync(w, broker.Port);
    if (!sub.WaitForExit(TimeSpan.FromMinutes(5))) sub.Kill();
    await reading;
    clock.Stop();
    Console.WriteLine($"Mosquitto alone: {acknowledged:N0} PUBACKs, {received:N0} messages to mosquitto_sub in {clock.Elapsed.TotalSeconds:F2} s");
    return received * (double)Workload.ReadingsPerMessage / clock.Elapsed.TotalSeconds;
}

async Task<(double Rate, long Stored)> EndToEndAsync()
{
    var folder = Directory.CreateTempSubdirectory("lustrac-bench-").FullName;
    var site = Path.Combine(folder, "site.yaml");
    await File.WriteAllTextAsync(site, w.SiteYaml());
    var httpPort = FreePort.Next();
    var app = ServerApp.Build(["--site", site, "--urls", $"http://127.0.0.1:{httpPort}", "--Mqtt:Embedded", "false",
        "--Mqtt:Port", broker.Port.ToString(CultureInfo.InvariantCulture), "--Store:Kind", "influxdb", "--Store:InfluxUrl", influx.Url.ToString(),
        "--Store:InfluxDatabase", "ingest", "--Quarantine:File", Path.Combine(folder, "q.jsonl"), "--Logging:LogLevel:Default", "Warning"]);
    await app.StartAsync();
    using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
    while (!(await (await api.GetAsync("health")).Content.ReadAsStringAsync()).Contains("\"broker_connected\":true", StringComparison.Ordinal))
        await Task.Delay(100);
    var clock = Stopwatch.StartNew();
    var publishing = Publisher.FloodAsync(w, broker.Port);
    long storedByServer = 0;
    var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
    while (storedByServer < w.Readings && DateTime.UtcNow < deadline)
    {
        await Task.Delay(50);
        using var health = JsonDocument.Parse(await (await api.GetAsync("health")).Content.ReadAsStringAsync());
        storedByServer = health.RootElement.GetProperty("readings_stored").GetInt64();
    }
    clock.Stop();
    var acknowledged = await publishing;
    var metrics = await api.GetStringAsync("metrics");
    await app.StopAsync();
    await app.DisposeAsync();
    var stored = await CountAsync("ingest");
    Console.WriteLine($"End to end: {acknowledged:N0} PUBACKs, server stored {storedByServer:N0} readings in {clock.Elapsed.TotalSeconds:F2} s; " +
                      $"quarantined {metrics.Split('\n').Where(l => l.StartsWith("lustrac_ingest_quarantined_total{", StringComparison.Ordinal)).Sum(l => long.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture))}");
    Directory.Delete(folder, recursive: true);
    return (storedByServer / clock.Elapsed.TotalSeconds, stored);
}

async Task<long> CountAsync(string db)
{
    // Every measurement of the database; a point is counted once per field 'value'.
    using var doc = await QueryAsync("SELECT COUNT(\"value\") FROM /.*/", db);
    long total = 0;
    var result = doc.RootElement.GetProperty("results")[0];
    if (!result.TryGetProperty("series", out var series)) return 0;
    foreach (var s in series.EnumerateArray()) total += s.GetProperty("values")[0][1].GetInt64();
    return total;
}

async Task<JsonDocument> QueryAsync(string q, string? db = null)
{
    var form = new Dictionary<string, string> { ["q"] = q };
    if (db is not null) form["db"] = db;
    using var response = await http.PostAsync("query", new FormUrlEncodedContent(form));
    return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
}
