using System.Globalization;
using System.Text.RegularExpressions;
using Lustrac.Energy.FirmwareHost.History;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Gateway;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lustrac.Energy.Kiosk.Bench;

/// <summary>
/// The whole system as demo.sh runs it, in one process: the emulated Lustrac site at 60× with a backfilled past,
/// the server (embedded broker, SQLite) and one gateway host per gateway of the site file, all three on the
/// simulation's clock, so the server's days and intervals pass at the simulation's pace.
/// </summary>
public sealed class RunningSite : IAsyncDisposable
{
    private readonly List<IHost> _gateways = [];
    private EmulatedSite? _emulated;
    private WebApplication? _server;

    public string Folder { get; } = Directory.CreateTempSubdirectory("lustrac-kiosk-bench-").FullName;
    public int HttpPort { get; } = FreePort.Next();
    public int MqttPort { get; } = FreePort.Next();
    public EmulatedSite Emulated => _emulated!;

    public static async Task<RunningSite> StartAsync(string siteSource, double speed, int historyDays, int pollSeconds, IReadOnlyDictionary<string, string> tokens)
    {
        var run = new RunningSite();
        var model = SiteLoader.LoadFile(siteSource);
        run._emulated = await EmulatedSite.StartAsync(model, new EmulatedSiteOptions { Seed = 1, Speed = speed, HistoryDays = historyDays, EphemeralPorts = true });
        var time = new SimulatedTime(run._emulated.Clock);

        // The site file as the gateways must read it: the emulator's ports, and polls once a simulated minute (a
        // reading per wall second at 60×: the default 10 s would be six per wall second on a machine shared by four).
        var yaml = await File.ReadAllTextAsync(siteSource);
        foreach (var bus in model.Devices.Select(d => d.Bus).Distinct(StringComparer.Ordinal).Where(b => b.StartsWith("modbus-tcp://", StringComparison.Ordinal)))
            yaml = yaml.Replace($"bus: {bus}\n", $"bus: modbus-tcp://127.0.0.1:{run._emulated.EndpointOf(bus).Port}\n", StringComparison.Ordinal);
        yaml = Regex.Replace(yaml, @"poll_seconds: \d+", $"poll_seconds: {pollSeconds}");
        var site = Path.Combine(run.Folder, "site.yaml");
        await File.WriteAllTextAsync(site, yaml);
        var secrets = Path.Combine(run.Folder, "households.secrets");
        await File.WriteAllLinesAsync(secrets, tokens.Select(t => HouseholdTokenStore.FileLine(t.Key, t.Value)));

        var mqtt = run.MqttPort.ToString(CultureInfo.InvariantCulture);
        run._server = ServerApp.Build([
            "--site", site, "--urls", $"http://127.0.0.1:{run.HttpPort}", "--Mqtt:Port", mqtt,
            "--Store:SqlitePath", Path.Combine(run.Folder, "lustrac.db"), "--Privacy:SecretsFile", secrets,
            "--Quarantine:File", Path.Combine(run.Folder, "quarantine.jsonl"),
            "--Autonomy:BackfillDays", (historyDays + 1).ToString(CultureInfo.InvariantCulture), "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Lustrac.Privacy", "Error", // not the thirty new tokens of the homes the bench does not open
        ], services => services.AddSingleton<TimeProvider>(time));
        await run._server.StartAsync();

        var failed = await HistoryBackfill.RunAsync(run._emulated, new EmulatedSiteOptions { HistoryDays = historyDays }, ("127.0.0.1", run.MqttPort),
            Console.Out, Console.Error, CancellationToken.None);
        if (failed is not null) throw new InvalidOperationException("the history backfill failed (see above)");
        foreach (var gateway in model.Gateways)
        {
            var host = GatewayApp.Build([
                "--site", site, "--gateway", gateway.Id, "--mqtt-host", "127.0.0.1", "--mqtt-port", mqtt,
                "--outbox", Path.Combine(run.Folder, "outbox-" + gateway.Id), "--Gateway:StateFolder", Path.Combine(run.Folder, "state-" + gateway.Id),
                "--Logging:LogLevel:Default", "Warning",
            ], services => services.AddSingleton<TimeProvider>(time));
            await host.StartAsync();
            run._gateways.Add(host);
        }
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways) { await gateway.StopAsync(); gateway.Dispose(); }
        if (_server is not null) { await _server.StopAsync(); await _server.DisposeAsync(); }
        if (_emulated is not null) await _emulated.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { /* a temp folder */ }
    }
}
