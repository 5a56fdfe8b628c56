using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;

namespace Lustrac.Energy.Server.Scheduling;

/// <summary>
/// Closes each canonical interval a grace delay after it ends, and recomputes closed intervals that late or replayed
/// data touches. Store failures are retried forever with backoff: figures are derived data, always recomputable.
/// </summary>
public sealed class IntervalClosingLoop(
    IntervalCloser calculator, LateDataQueue recalculation, IAutonomyStore results,
    SitePlan plan, EngineToday today, TimeProvider clock, ILogger<IntervalClosingLoop> log, Ingest.IngestPressure ingest,
    Storage.StoreReadiness readiness)
    : BackgroundService
{
    /// <summary>The longest the figures wait for ingest to drain a backlog.</summary>
    public static readonly TimeSpan MaxBacklogWait = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        bool refreshedOnce = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WhileIngestBackloggedAsync(stoppingToken).ConfigureAwait(false);
                if (calculator.ComputedUntil is null)
                {
                    await readiness.WaitAsync(stoppingToken).ConfigureAwait(false);
                    await calculator.ResumeAsync(clock.GetUtcNow().UtcDateTime, stoppingToken).ConfigureAwait(false);
                }
                var recomputed = await calculator.ProcessTouchedAsync(stoppingToken).ConfigureAwait(false);
                bool closedAny = false;
                // A day at a time, so that a first start's backfill (7 days by default) also gives way to an ingest backlog.
                while (await calculator.CloseDueAsync(clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(1), stoppingToken).ConfigureAwait(false) is not null)
                {
                    closedAny = true;
                    await WhileIngestBackloggedAsync(stoppingToken).ConfigureAwait(false);
                }
                if (recomputed.Count > 0 || closedAny || !refreshedOnce)
                {
                    await today.RefreshAsync(results, plan, calculator.ComputedUntil!.Value, stoppingToken).ConfigureAwait(false);
                    refreshedOnce = true;
                }
                retry = TimeSpan.FromSeconds(1);
                await WaitForWorkAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogWarning("Autonomy computation failed ({Error}); retrying in {Delay} s", ex.Message, retry.TotalSeconds);
                await Task.Delay(retry, clock, stoppingToken).ConfigureAwait(false);
                retry = TimeSpan.FromSeconds(Math.Min(60, retry.TotalSeconds * 2));
            }
        }
    }

    /// <summary>
    /// Ingest first: while it drains a backlog, every computation would read back all the readings of the intervals
    /// it covers, and the backlog touches the same intervals again a second later. So the figures wait for the
    /// backlog (at most <see cref="MaxBacklogWait"/>) and are then computed once on the complete data.
    /// </summary>
    private Task<bool> WhileIngestBackloggedAsync(CancellationToken ct) => ingest.WaitUntilDrainedAsync(MaxBacklogWait, clock, ct);

    /// <summary>Until the next interval is due or the ingest reports new data, whichever comes first (at most once a second).</summary>
    private async Task WaitForWorkAsync(CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), clock, ct).ConfigureAwait(false);
        var untilClose = calculator.NextCloseUtc - clock.GetUtcNow().UtcDateTime;
        if (untilClose <= TimeSpan.Zero) return;
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(untilClose, clock, wake.Token);
        var touched = recalculation.WaitAsync(wake.Token).AsTask();
        await Task.WhenAny(delay, touched).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }
}
