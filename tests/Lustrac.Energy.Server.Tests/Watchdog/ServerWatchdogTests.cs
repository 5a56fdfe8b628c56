using System.Globalization;
using Lustrac.Energy.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Server.Tests.Watchdog;

/// <summary>
/// The server started as its systemd unit starts it (the packaged server.json via --config, NOTIFY_SOCKET and
/// WATCHDOG_USEC in the environment), against the real Mosquitto, with a test socket in systemd's place: READY=1,
/// WATCHDOG=1 every half period; when ingest hangs (the test-only hang file) in a store write, while validating a
/// message, or after the store in a subscriber that blocks, the heartbeat stops within one watchdog period, and comes
/// back once the step goes through.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class ServerWatchdogTests(SharedServices services) : IAsyncLifetime
{
    // WatchdogSec=3 → a heartbeat every 1.5 s. A write may take 1 s: a hung write is stalled 1 s after it starts, so
    // at most 1 heartbeat (and 2 if the write had started just before the message was published) follows the fault.
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(3);
    private readonly string _siteId = "wd" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-server-watchdog-").FullName;
    private readonly NotifySocket _systemd = new(abstractNamespace: false);
    private ComponentProcess? _server;

    [Theory]
    [InlineData("store-write", "ingest: writing 1 readings")]
    [InlineData("validation", "ingest receive: validating a message on lustrac/v1/")]
    [InlineData("after-store", "ingest after store: acknowledging 1 messages and handing 1 readings on")]
    public async Task Heartbeat_is_sent_while_ingest_advances_and_stops_within_one_period_when_ingest_hangs(string place, string stalledAt)
    {
        var hang = Path.Combine(_folder, "hang");
        // A store write and every other step of ingest may take 1 s, so a hung one is stalled 1 s after it starts.
        _server = new ComponentProcess("server", ComponentProcess.BuiltDll("server/Lustrac.Energy.Server", "Lustrac.Energy.Server"),
            ["--config", await PackagedConfigAsync(), "--urls", $"http://127.0.0.1:{FreePort.Next()}",
             "--Mqtt:Port", services.MqttPort.ToString(CultureInfo.InvariantCulture),
             "--Watchdog:WriteLimitSeconds", "1", "--Watchdog:StepLimitSeconds", "1",
             "--Watchdog:HangWhileFileExists", hang, "--Watchdog:HangAt", place]);
        _server.Environment["NOTIFY_SOCKET"] = _systemd.Name;
        _server.Environment["WATCHDOG_USEC"] = ((long)Watchdog.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        _server.Start();

        await Eventually.TrueAsync(() => Task.FromResult(_systemd.Count("READY=1") == 1), TimeSpan.FromSeconds(90), () => "READY=1\n" + _server.Output + "\nnotify: " + string.Join(" / ", _systemd.Messages));
        await Eventually.TrueAsync(() => Task.FromResult(_systemd.Count("WATCHDOG=1") >= 3), TimeSpan.FromSeconds(30), () => "three heartbeats\n" + _server.Output + "\nnotify: " + string.Join(" / ", _systemd.Messages));
        await Eventually.TrueAsync(() => Task.FromResult(LastHeartbeat().Contains("broker connected", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), () => "connected\n" + _server.Output + "\nnotify: " + string.Join(" / ", _systemd.Messages));
        Assert.Contains("STATUS=broker connected, store healthy, 0 messages stored", LastHeartbeat(), StringComparison.Ordinal);

        using var gateway = new MqttClientFactory().CreateMqttClient();
        await gateway.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", services.MqttPort).WithClientId("wd-" + _siteId).Build());
        // One message first, so the one that hangs is not the first through a cold validation and write path.
        await gateway.PublishAsync(Reading(1));
        await Eventually.TrueAsync(() => Task.FromResult(LastHeartbeat().Contains("1 messages stored", StringComparison.Ordinal)), TimeSpan.FromSeconds(30),
            () => "first message stored\n" + _server!.Output + "\nnotify: " + string.Join(" / ", _systemd.Messages));
        var stalledBeforeFault = _systemd.Messages.Count(IsStalled);
        await File.WriteAllTextAsync(hang, "");
        var beatsBeforeFault = _systemd.Count("WATCHDOG=1");
        await gateway.PublishAsync(Reading(2));
        await Eventually.TrueAsync(() => Task.FromResult(_systemd.Messages.Count(IsStalled) >= stalledBeforeFault + 3), TimeSpan.FromSeconds(30), () => "three stalled status messages\n" + _server.Output + "\nnotify: " + string.Join(" / ", _systemd.Messages));
        Assert.Contains(_systemd.Messages.Where(IsStalled).Skip(stalledBeforeFault), m => m.Contains(stalledAt, StringComparison.Ordinal));
        Assert.InRange(_systemd.Count("WATCHDOG=1") - beatsBeforeFault, 0, 2); // within one watchdog period
        Assert.True(_server.IsRunning, "the server itself keeps running: systemd is the one to restart it");

        File.Delete(hang);
        var beatsAtRelease = _systemd.Count("WATCHDOG=1");
        await Eventually.TrueAsync(() => Task.FromResult(LastHeartbeat().Contains("2 messages stored", StringComparison.Ordinal) && _systemd.Count("WATCHDOG=1") > beatsAtRelease),
            TimeSpan.FromSeconds(30), () => "heartbeat resumed after the step\n" + _server.Output + "\nnotify: " + string.Join(" / ", _systemd.Messages));
        await _server.StopAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _systemd.Count("STOPPING=1"));
    }

    private string LastHeartbeat() => _systemd.Messages.LastOrDefault(m => m.StartsWith("WATCHDOG=1", StringComparison.Ordinal)) ?? "";

    private static bool IsStalled(string message) => message.StartsWith("STATUS=stalled", StringComparison.Ordinal);

    private MqttApplicationMessage Reading(ulong seq) => new MqttApplicationMessageBuilder()
        .WithTopic($"lustrac/v1/{_siteId}/gw-1/h01-meter/readings")
        .WithPayload($$"""{"seq":{{seq}},"time":"{{DateTimeOffset.UtcNow.AddSeconds(-5):yyyy-MM-ddTHH:mm:ss.fffZ}}","readings":[{"quantity":"energy_import","value":1234.5,"unit":"kWh"}]}""")
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    /// <summary>The package's server.json with its /etc and /var/lib paths moved into the test folder.</summary>
    private async Task<string> PackagedConfigAsync()
    {
        var site = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(site, TestSite.Yaml(_siteId));
        var packaged = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "debian", "server", "server.json"));
        var config = Path.Combine(_folder, "server.json");
        await File.WriteAllTextAsync(config, packaged.Replace("/etc/lustrac/site.yaml", site, StringComparison.Ordinal)
            .Replace("/var/lib/lustrac/server", _folder, StringComparison.Ordinal));
        return config;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _systemd.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
