using Lustrac.Energy.Gateway.Outbox;
using Lustrac.Energy.Gateway.Publishing;
using Lustrac.Energy.Protocol.Systemd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Watchdog;

/// <summary>
/// Tells systemd READY=1 once the gateway runs, then WATCHDOG=1 every half watchdog period, but only while every
/// poll loop and the outbox drain advance: a hung loop stops the heartbeat and systemd restarts the process.
/// STATUS= carries one line (devices up, backlog), shown by `systemctl status`.
/// </summary>
public sealed class GatewayHeartbeat(
    GatewayWatchdog watchdog, WatchdogSettings settings, DiskOutbox outbox, MqttConnection mqtt,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<GatewayHeartbeat> log) : BackgroundService
{
    private ulong _lowestSeen;
    private DateTimeOffset _lastDrained;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var notifier = SystemdNotifier.FromEnvironment();
        var period = SystemdNotifier.WatchdogPeriod();
        _lastDrained = clock.GetUtcNow();
        watchdog.Gate.Check("outbox drain", DrainStalled);
        if (!await HeartbeatLoop.WhenStartedAsync(lifetime.ApplicationStarted, stoppingToken).ConfigureAwait(false)) return;
        notifier.Notify("READY=1\nSTATUS=" + Status());
        await HeartbeatLoop.RunAsync(notifier, watchdog.Gate, period, Status,
            stalled => log.LogError("Watchdog heartbeat withheld, systemd will restart the gateway: {Stalled}", string.Join("; ", stalled)),
            () => log.LogWarning("Watchdog heartbeat resumed: every loop advances again"), stoppingToken).ConfigureAwait(false);
        notifier.Notify("STOPPING=1");
    }

    private string Status()
    {
        var s = outbox.Statistics();
        // Drops are the one loss the gateway itself causes: counted in losses.json, so they stay shown across restarts.
        var dropped = s.DroppedRecords > 0 ? $", {(s.Full ? "OUTBOX FULL, " : "")}{s.DroppedRecords} messages dropped in {s.DropEpisodes} episodes" : "";
        return $"{watchdog.DevicesUp()}, backlog {s.PendingRecords} messages{dropped}, broker {(mqtt.Client.IsConnected ? "connected" : "not connected")}";
    }

    /// <summary>Stalled when, connected to the broker, messages wait and none was acknowledged for the drain limit.</summary>
    private string? DrainStalled(DateTimeOffset now)
    {
        var s = outbox.Statistics();
        if (s.LowestUnacked != _lowestSeen || s.PendingRecords == 0 || !mqtt.Client.IsConnected)
        {
            // Disconnected is not a hang: the drain retries with backoff, and a restart would not bring the broker back.
            _lowestSeen = s.LowestUnacked;
            _lastDrained = now;
            return null;
        }
        var waited = now - _lastDrained;
        return waited.TotalSeconds <= settings.DrainLimitSeconds
            ? null
            : $"{s.PendingRecords} messages waiting, none acknowledged for {waited.TotalSeconds:0} s while connected";
    }
}
