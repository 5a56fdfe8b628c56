// Latency from a reading published over MQTT to the wall screen's Server-Sent Event carrying it, measured by an
// HTTP client reading /api/screen/stream as the page does (not the browser's DOM). The server runs in-process
// with its defaults: embedded MQTT broker and SQLite store, so the store write is inside the measured path.
// A hand-rolled loop, not BenchmarkDotNet: what matters is the distribution of one end-to-end path, not a method's mean.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Testing;
using MQTTnet;
using MQTTnet.Protocol;

var samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
var folder = Directory.CreateTempSubdirectory("lustrac-bench-").FullName;
var site = Path.Combine(folder, "site.yaml");
TestSites.Builder("bench").Household("h01", consent: true).Gateway("gw-1")
    .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h01", address: 1)
    .WriteTo(site);
const string token = "bench-token-h01";
File.WriteAllText(Path.Combine(folder, "households.secrets"), HouseholdTokenStore.FileLine("h01", token) + "\n");
int httpPort = FreePort.Next(), mqttPort = FreePort.Next();
var app = ServerApp.Build(["--site", site, "--urls", $"http://127.0.0.1:{httpPort}", "--Mqtt:Port", mqttPort.ToString(CultureInfo.InvariantCulture),
    "--Store:SqlitePath", Path.Combine(folder, "bench.db"), "--Privacy:SecretsFile", Path.Combine(folder, "households.secrets"),
    "--Logging:LogLevel:Default", "Warning"]);
await app.StartAsync();

using var mqtt = new MqttClientFactory().CreateMqttClient();
await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithClientId("bench-feed").Build());
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = Timeout.InfiniteTimeSpan };
http.DefaultRequestHeaders.Authorization = new("Bearer", token);
using var stream = new StreamReader(await http.GetStreamAsync("api/screen/stream"));

// Each sample publishes a distinct power and waits for the event whose home consumption equals it.
var latencies = new List<double>();
var clock = Stopwatch.StartNew();
for (var i = 0; i < samples + 20; i++)
{
    var watts = 1000 + i;
    var payload = string.Create(CultureInfo.InvariantCulture,
        $$"""{"seq":{{i + 1}},"time":"{{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}}","readings":[{"quantity":"active_power","value":{{watts}},"unit":"W"}]}""");
    var sent = clock.Elapsed;
    await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("lustrac/v1/bench/gw-1/h01-meter/readings")
        .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    while (true)
    {
        var line = await stream.ReadLineAsync() ?? throw new InvalidOperationException("stream ended");
        if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
        using var doc = JsonDocument.Parse(line[6..]);
        if (doc.RootElement.GetProperty("home") is { ValueKind: JsonValueKind.Object } home && home.GetProperty("consumption_w").GetDouble() == watts) break;
    }
    if (i >= 20) latencies.Add((clock.Elapsed - sent).TotalMilliseconds); // the first 20 warm up JIT and connections
    await Task.Delay(Random.Shared.Next(5, 50)); // readings do not arrive in lockstep
}

latencies.Sort();
double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
Console.WriteLine($"MQTT publish → SSE event received (server in-process, embedded broker, SQLite), {latencies.Count} samples:");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  p50 {Percentile(0.50):F1} ms   p90 {Percentile(0.90):F1} ms   p99 {Percentile(0.99):F1} ms   max {latencies[^1]:F1} ms   goal p99 ≤ 1000 ms: {(Percentile(0.99) <= 1000 ? "met" : "MISSED")}"));
await mqtt.DisconnectAsync();
await app.StopAsync();
await app.DisposeAsync();
Directory.Delete(folder, recursive: true);
