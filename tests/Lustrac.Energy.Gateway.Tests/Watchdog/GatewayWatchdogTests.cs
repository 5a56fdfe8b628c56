using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Gateway.Tests.Watchdog;

/// <summary>
/// The gateway started as its systemd unit starts it (the packaged gateway.json via --config, NOTIFY_SOCKET and
/// WATCHDOG_USEC in the environment), with a test socket in systemd's place: READY=1, then WATCHDOG=1 every half
/// period; when a poll loop hangs (the test-only hang file) the heartbeat stops within one watchdog period, and comes
/// back when the loop advances again.
/// </summary>
public sealed class GatewayWatchdogTests : IAsyncLifetime
{
    // WatchdogSec=3 → a heartbeat every 1.5 s. Poll every 1 s, a read may take 1 s: a hung read is stalled at most
    // 1 s (next read) + 1 s (read limit) = 2 s after the hang starts, so at most 2 heartbeats (at 1.5 s spacing) can
    // follow the fault, all within one 3 s watchdog period.
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(3);
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-watchdog-").FullName;
    private readonly NotifySocket _systemd = new(abstractNamespace: true);
    private ComponentProcess? _gateway;

    private static string SiteYaml => TestSites.Builder("wd").Household("h01").Gateway("gw-1", pollSeconds: 1)
        .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, $"modbus-tcp://127.0.0.1:{FreePort.Next()}", Roles.HouseholdMeter,
            household: "h01", address: 1)
        .ToYaml();

    [Fact]
    public async Task Heartbeat_is_sent_while_the_poll_loop_advances_and_stops_within_one_period_when_it_hangs()
    {
        var hang = Path.Combine(_folder, "hang");
        _gateway = new ComponentProcess("gateway", ComponentProcess.BuiltDll("gateway/Lustrac.Energy.Gateway", "Lustrac.Energy.Gateway"),
            ["--config", await PackagedConfigAsync(), "--Gateway:Id", "gw-1",
             "--Mqtt:Host", "127.0.0.1", "--Mqtt:Port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), "--Mqtt:UseTls", "false", "--Mqtt:CaFile", "",
             "--Gateway:ModbusTimeoutMs", "200", "--Gateway:ModbusRetries", "0",
             "--Watchdog:ReadLimitSeconds", "1", "--Watchdog:HangWhileFileExists", hang]);
        _gateway.Environment["NOTIFY_SOCKET"] = _systemd.Name;
        _gateway.Environment["WATCHDOG_USEC"] = ((long)Watchdog.TotalMicroseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _gateway.Start();

        await Eventually.TrueAsync(() => Task.FromResult(_systemd.Count("READY=1") == 1), TimeSpan.FromSeconds(60), () => "READY=1\n" + _gateway.Output + "\nnotify: " + string.Join(" / ", _systemd.Messages));
        await Eventually.TrueAsync(() => Task.FromResult(_systemd.Count("WATCHDOG=1") >= 3), TimeSpan.FromSeconds(30), () => "three heartbeats\n" + _gateway.Output + "\nnotify: " + string.Join(" / ", _systemd.Messages));
        var status = _systemd.Messages.Last(m => m.Contains("WATCHDOG=1", StringComparison.Ordinal));
        Assert.Contains("STATUS=0/1 devices up, backlog", status, StringComparison.Ordinal); // nothing answers on that port
        Assert.DoesNotContain(_systemd.Messages, m => m.Contains("stalled", StringComparison.Ordinal));

        await File.WriteAllTextAsync(hang, "");
        var beatsBeforeFault = _systemd.Count("WATCHDOG=1");
        await Eventually.TrueAsync(() => Task.FromResult(StalledMessages() >= 3), TimeSpan.FromSeconds(30), () => "three stalled status messages\n" + _gateway.Output + "\nnotify: " + string.Join(" / ", _systemd.Messages));
        Assert.Contains("poll loop modbus-tcp://127.0.0.1:", _systemd.Messages.First(IsStalled), StringComparison.Ordinal);
        Assert.Contains("reading h01-meter", _systemd.Messages.First(IsStalled), StringComparison.Ordinal);
        var beatsAfterFault = _systemd.Count("WATCHDOG=1") - beatsBeforeFault;
        Assert.InRange(beatsAfterFault, 0, 2); // within one watchdog period (see the comment at the top)
        Assert.True(_gateway.IsRunning, "the gateway itself keeps running: systemd is the one to restart it");

        File.Delete(hang);
        var beatsWhileHung = _systemd.Count("WATCHDOG=1");
        await Eventually.TrueAsync(() => Task.FromResult(_systemd.Count("WATCHDOG=1") > beatsWhileHung), TimeSpan.FromSeconds(30), () => "heartbeat resumed\n" + _gateway.Output + "\nnotify: " + string.Join(" / ", _systemd.Messages));
        Assert.Contains("Watchdog heartbeat withheld", _gateway.Output, StringComparison.Ordinal);

        await _gateway.StopAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _systemd.Count("STOPPING=1"));
    }

    private int StalledMessages() => _systemd.Messages.Count(IsStalled);

    private static bool IsStalled(string message) => message.StartsWith("STATUS=stalled", StringComparison.Ordinal);

    /// <summary>The package's gateway.json with its /etc and /var/lib paths moved into the test folder.</summary>
    private async Task<string> PackagedConfigAsync()
    {
        var site = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(site, SiteYaml);
        var packaged = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "debian", "gateway", "gateway.json"));
        var config = Path.Combine(_folder, "gateway.json");
        await File.WriteAllTextAsync(config, packaged.Replace("/etc/lustrac/site.yaml", site, StringComparison.Ordinal)
            .Replace("/var/lib/lustrac/gateway", _folder, StringComparison.Ordinal));
        return config;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        _systemd.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
