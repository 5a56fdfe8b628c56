using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// Evaluates every rule on a timer of the injected <see cref="TimeProvider"/>, updates the <see cref="AlertBook"/>, and
/// hands its notices to the channels and the open list to the MQTT topic. A rule that fails (the store is down while
/// reading tanks) keeps the causes it saw last, so an outage never clears, nor re-raises, its alerts.
/// </summary>
public sealed class AlertService(
    SiteModel site, AlertSettings settings, AlertBook book, IEnumerable<IAlertRule> rules, IEnumerable<IAlertChannel> channels,
    AlertTopicPublisher? topic, TimeProvider clock, ILogger<AlertService> log, Scheduling.IntervalCloser? figures = null) : BackgroundService
{
    private readonly Dictionary<IAlertRule, IReadOnlyList<AlertCondition>> _lastSeen = [];
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Evaluations finished; tests wait on it instead of sleeping.</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);
    private long _evaluations;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.EvaluateSeconds), clock);
        try
        {
            do await EvaluateOnceAsync(stoppingToken).ConfigureAwait(false);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public async Task<IReadOnlyList<AlertNotice>> EvaluateOnceAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            var seen = new List<AlertCondition>();
            foreach (var rule in rules)
            {
                // On a first start the result tables exist only once IntervalCloser has resumed: nothing to judge yet.
                if (rule is IReadsStoredFigures && figures is { ComputedUntil: null }) continue;
                try { _lastSeen[rule] = await rule.EvaluateAsync(now, ct).ConfigureAwait(false); }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    log.LogWarning("Alert rule {Rule} could not be evaluated ({Error}); keeping what it saw last", rule.GetType().Name, ex.Message);
                }
                seen.AddRange(_lastSeen.GetValueOrDefault(rule, []));
            }
            var notices = book.Update(seen, now);
            var open = book.Open();
            foreach (var n in notices)
                log.Log(n.Event == AlertEvent.Cleared ? LogLevel.Information : LogLevel.Warning, "Alert {Event}: {Message}", n.Event, n.Alert.Condition.Message);
            if (notices.Count > 0)
            {
                var delivery = new AlertDelivery(site.Site.Id, now, notices, open);
                foreach (var channel in channels) await DeliverAsync(channel, delivery, ct).ConfigureAwait(false);
            }
            if (topic is not null) await topic.PublishAsync(now, open, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _evaluations);
            return notices;
        }
        finally { _one.Release(); }
    }

    private async Task DeliverAsync(IAlertChannel channel, AlertDelivery delivery, CancellationToken ct)
    {
        try { await channel.DeliverAsync(delivery, ct).ConfigureAwait(false); }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError("Could not send {Count} alert notices by {Channel}: {Error}", delivery.Notices.Count, channel.Name, ex.Message);
        }
    }
}
