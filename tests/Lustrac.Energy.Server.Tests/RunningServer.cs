using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;

namespace Lustrac.Energy.Server.Tests;

/// <summary>
/// The whole server in-process (<see cref="ServerApp.Build"/>) against a real Mosquitto and a real store, with
/// a site of its own so tests sharing a broker never see each other's messages.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    public string SiteId { get; }
    public HttpClient Http { get; }
    public IReadingStore Store { get; }
    /// <summary>The server's own services, for a test that watches what happens inside (the seam after the store).</summary>
    public IServiceProvider Services => _app.Services;
    public string QuarantineFile => Path.Combine(_folder, "quarantine.jsonl");

    private RunningServer(WebApplication app, string folder, string siteId, HttpClient http, IReadingStore store)
    {
        (_app, _folder, SiteId, Http, Store) = (app, folder, siteId, http, store);
    }

    public const string OperatorToken = "server-tests-operator-token";

    /// <param name="storeKind">"sqlite" or "influxdb".</param>
    public static Task<RunningServer> StartAsync(string storeKind, int mqttPort, Uri influxUrl, params string[] extraArgs) =>
        StartWithSiteAsync(storeKind, mqttPort, influxUrl, id => TestSite.Yaml(id), extraArgs);

    /// <param name="siteYaml">The site file's text for a given site id.</param>
    public static async Task<RunningServer> StartWithSiteAsync(string storeKind, int mqttPort, Uri influxUrl, Func<string, string> siteYaml, params string[] extraArgs)
    {
        var siteId = "s" + Guid.NewGuid().ToString("N")[..10];
        var folder = Directory.CreateTempSubdirectory("lustrac-server-").FullName;
        var siteFile = Path.Combine(folder, "site.yaml");
        await File.WriteAllTextAsync(siteFile, siteYaml(siteId));
        var httpPort = FreePort.Next();
        var database = "db" + Guid.NewGuid().ToString("N")[..10];
        var sqlitePath = Path.Combine(folder, "lustrac.db");
        // The operator sees every household's readings and the quarantine (the privacy layer hides them from others).
        var secrets = Path.Combine(folder, "households.secrets");
        await File.WriteAllTextAsync(secrets, Lustrac.Energy.Server.Privacy.HouseholdTokenStore.FileLine("operator", OperatorToken) + "\n");
        string[] args = [
            "--Privacy:SecretsFile", secrets,
            "--site", siteFile, "--urls", $"http://127.0.0.1:{httpPort}",
            "--Mqtt:Embedded", "false", "--Mqtt:Port", mqttPort.ToString(CultureInfo.InvariantCulture),
            "--Store:Kind", storeKind, "--Store:SqlitePath", sqlitePath,
            "--Store:InfluxUrl", influxUrl.ToString(), "--Store:InfluxDatabase", database,
            "--Quarantine:File", Path.Combine(folder, "quarantine.jsonl"),
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Lustrac.Energy.Server.Ingest.MqttIngestService", "Error",
            .. extraArgs,
        ];
        var app = ServerApp.Build(args);
        await app.StartAsync();
        IReadingStore store = storeKind == "sqlite"
            ? new SqliteReadingStore(sqlitePath)
            : new InfluxReadingStore(new HttpClient { BaseAddress = influxUrl }, new StoreSettings { InfluxDatabase = database });
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
        var server = new RunningServer(app, folder, siteId, http, store);
        await server.WaitUntilAsync(async () => (await server.HealthAsync()) is var h && h.GetProperty("broker_connected").GetBoolean() && h.GetProperty("store_ready").GetBoolean(), TimeSpan.FromSeconds(60), "connected to the broker with its store ready");
        return server;
    }

    public async Task<JsonElement> HealthAsync()
    {
        using var response = await Http.GetAsync("health");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>Polls (rather than sleeping a fixed time) so a loaded machine only makes the test slower.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try { if (await condition()) return; }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the server was not {what} within {timeout.TotalSeconds} s; health: {await HealthAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* best effort: a temp folder */ }
    }
}
