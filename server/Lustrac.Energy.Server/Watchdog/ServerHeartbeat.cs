using Lustrac.Energy.Protocol.Systemd;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Watchdog;

/// <summary>
/// Tells systemd READY=1 once the server listens, then WATCHDOG=1 every half watchdog period, but only while ingest
/// (every store write ends within its limit) and the interval closing (its figures keep up with the clock) advance.
/// STATUS= carries one line: broker, store, messages stored, figures computed until.
/// </summary>
public sealed class ServerHeartbeat(
    ProgressGate gate, IngestProgress ingest, ServerWatchdogSettings settings, IngestStatistics stats, IntervalCloser figures,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ServerHeartbeat> log) : BackgroundService
{
    private DateTime? _computedUntil;
    private DateTimeOffset _lastAdvance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = ingest.Loop; // registered with the gate even before the first write
        _lastAdvance = clock.GetUtcNow();
        gate.Check("autonomy", FiguresStalled);
        using var notifier = SystemdNotifier.FromEnvironment();
        if (!await HeartbeatLoop.WhenStartedAsync(lifetime.ApplicationStarted, stoppingToken).ConfigureAwait(false)) return;
        notifier.Notify("READY=1\nSTATUS=" + Status());
        await HeartbeatLoop.RunAsync(notifier, gate, SystemdNotifier.WatchdogPeriod(), Status,
            stalled => log.LogError("Watchdog heartbeat withheld, systemd will restart the server: {Stalled}", string.Join("; ", stalled)),
            () => log.LogWarning("Watchdog heartbeat resumed: ingest and figures advance again"), stoppingToken).ConfigureAwait(false);
        notifier.Notify("STOPPING=1");
    }

    private string Status() =>
        $"broker {(stats.BrokerConnected ? "connected" : "not connected")}, store {(stats.StoreHealthy ? "healthy" : "failing")}, " +
        $"{stats.MessagesStored} messages stored, figures until {(figures.ComputedUntil is DateTime t ? t.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "-")}";

    /// <summary>
    /// Stalled when the next interval is overdue by the limit and the figures have not moved for as long, while the
    /// store is healthy: a failing store is retried by the service itself, and a restart would not repair it.
    /// </summary>
    private string? FiguresStalled(DateTimeOffset now)
    {
        var until = figures.ComputedUntil;
        if (until != _computedUntil || !stats.StoreHealthy)
        {
            _computedUntil = until;
            _lastAdvance = now;
            return null;
        }
        var limit = TimeSpan.FromSeconds(settings.FiguresLimitSeconds);
        var overdue = until is null ? now - _lastAdvance : now.UtcDateTime - figures.NextCloseUtc;
        return overdue <= limit || now - _lastAdvance <= limit
            ? null
            : $"figures until {until?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "(not started)"}, {overdue.TotalSeconds:0} s behind";
    }
}
