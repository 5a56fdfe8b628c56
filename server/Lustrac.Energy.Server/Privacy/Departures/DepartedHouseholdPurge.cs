using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Privacy.Departures;

/// <summary>
/// At start and then daily: brings the roster up to date (<see cref="DepartureRoster"/>) and deletes the fine data of
/// each household gone longer than <see cref="DepartureSettings.DepartedPurgeDays"/> — every reading of its devices
/// and its per-interval results, on either store. Its day rows, and the neighbourhood's figures it took part in, stay.
/// </summary>
public sealed class DepartedHouseholdPurge(SiteModel site, IReadingStore readings, IDepartureStore results, DepartureSettings settings,
    TimeProvider clock, StoreReadiness? readiness, ILogger<DepartedHouseholdPurge> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    /// <summary>One pass; returns the households purged.</summary>
    public async Task<IReadOnlyList<string>> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var known = await results.ReadRosterAsync(ct).ConfigureAwait(false);
        var roster = DepartureRoster.Update(known, site, now).ToList();
        foreach (var noticed in roster.Where(e => e.LeftUtc == now))
            log.LogWarning("Household '{Household}' is no longer in the site file: its fine data will be deleted after {Days} days (Privacy:DepartedPurgeDays)",
                noticed.Household, settings.DepartedPurgeDays);
        var purged = new List<string>();
        foreach (var due in DepartureRoster.DueForPurge(roster, now, TimeSpan.FromDays(settings.DepartedPurgeDays)).ToList())
        {
            await readings.DeleteDevicesAsync(due.Devices, ct).ConfigureAwait(false);
            await results.DeleteFineResultsAsync(due.Household, ct).ConfigureAwait(false);
            roster[roster.IndexOf(due)] = due with { PurgedUtc = now };
            purged.Add(due.Household);
            log.LogInformation("Deleted the fine data of household '{Household}', gone since {Left:yyyy-MM-dd}: readings of {Devices} and its interval results",
                due.Household, due.LeftUtc, string.Join(", ", due.Devices));
        }
        await results.ReplaceRosterAsync(roster, ct).ConfigureAwait(false);
        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (readiness is not null) await readiness.WaitAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await RunOnceAsync(stoppingToken).ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A store outage delays the purge to the next day; it never stops the server.
                    log.LogError(ex, "Purging departed households' data failed; next attempt in {Period}", Period);
                }
                await Task.Delay(Period, clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
