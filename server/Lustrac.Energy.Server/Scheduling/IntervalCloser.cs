using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;

namespace Lustrac.Energy.Server.Scheduling;

/// <summary>
/// Computes and stores figures: closing intervals as time passes, and recomputing the closed intervals that late
/// data touches. Single consumer: <see cref="IntervalClosingLoop"/> calls it from one loop (tests call it directly).
/// </summary>
/// <param name="turnings">Recorded compost turnings; by default the result store, which keeps them in both implementations.</param>
/// <param name="horizon">Where kept readings begin: touched intervals before it are not recomputed (none: all are).</param>
public sealed class IntervalCloser(
    SitePlan plan, IReadingStore readings, IAutonomyStore results, LateDataQueue recalculation, AutonomySettings settings,
    ILogger<IntervalCloser> log, ITurningStore? turnings = null, FineDataHorizon? horizon = null)
{
    private readonly ITurningStore? _turnings = turnings ?? results as ITurningStore;

    /// <summary>A recomputation reads at most this much at once, to keep memory flat on a long catch-up.</summary>
    private static readonly TimeSpan Chunk = TimeSpan.FromDays(1);

    private readonly Dictionary<(string, string), DateTimeOffset> _lastSeen = [];

    /// <summary>Intervals before this instant are closed (computed and stored); null before <see cref="ResumeAsync"/>.</summary>
    public DateTime? ComputedUntil { get; private set; }

    public TimeSpan Grace => TimeSpan.FromSeconds(settings.GraceSeconds);

    /// <summary>When the next interval can be closed.</summary>
    public DateTime NextCloseUtc => (ComputedUntil ?? DateTime.MinValue) + plan.IntervalLength + Grace;

    /// <summary>Resumes after the last stored interval, or on a first start <see cref="AutonomySettings.BackfillDays"/> back.</summary>
    public async Task ResumeAsync(DateTime nowUtc, CancellationToken ct)
    {
        var latest = await results.LatestIntervalAsync(ct).ConfigureAwait(false);
        ComputedUntil = latest is DateTime t ? t + plan.IntervalLength : Floor(nowUtc - TimeSpan.FromDays(settings.BackfillDays));
        if (latest is DateTime last)
        {
            await FillMissingDaysAsync(last, ct).ConfigureAwait(false);
            // Closes add to the day's sums: re-sum the last day once, in case a stop fell between its intervals and its sums.
            var lastDay = LocalCalendar.Boundaries(last, last + plan.IntervalLength, LocalCalendar.Period.Day, plan.Zone);
            await EnergyDays.RefreshAsync(results, lastDay, ct).ConfigureAwait(false);
            await EnergyProfiles.RefreshAsync(results, lastDay, last + plan.IntervalLength, plan.IntervalLength, ct).ConfigureAwait(false);
        }
    }

    /// <summary>How far back a store written before <c>energy_day</c> existed gets its day rows filled at start.</summary>
    public static readonly TimeSpan DayFillReach = TimeSpan.FromDays(400);

    /// <summary>
    /// A store written by a version without <c>energy_day</c> has intervals but no day rows, and the day, month and year
    /// figures would read empty: fill them once from the stored intervals, a month at a time.
    /// </summary>
    private async Task FillMissingDaysAsync(DateTime latestInterval, CancellationToken ct)
    {
        var lastDay = LocalCalendar.Boundaries(latestInterval, latestInterval + plan.IntervalLength, LocalCalendar.Period.Day, plan.Zone);
        var stored = await results.SumEnergyDaysAsync(ScopeSelection.One(null), lastDay, ct).ConfigureAwait(false);
        if (stored.Count > 0) return;
        log.LogWarning("No day sums stored yet (store written by an earlier version): filling energy_day from the stored intervals of the last {Days} days",
            DayFillReach.TotalDays);
        var days = LocalCalendar.Boundaries(latestInterval - DayFillReach, lastDay[^1], LocalCalendar.Period.Day, plan.Zone);
        for (int i = 0; i + 1 < days.Count; i += 31)
            await EnergyDays.RefreshAsync(results, days.Skip(i).Take(32).ToList(), ct).ConfigureAwait(false);
    }

    /// <summary>Computes every interval that ended at least the grace delay before <paramref name="nowUtc"/>.</summary>
    /// <returns>The range closed, or null if nothing was due.</returns>
    public Task<(DateTime From, DateTime To)?> CloseDueAsync(DateTime nowUtc, CancellationToken ct) => CloseDueAsync(nowUtc, null, ct);

    /// <summary>As <see cref="CloseDueAsync(DateTime, CancellationToken)"/>, but at most <paramref name="atMost"/> of it (a long backfill in steps).</summary>
    public async Task<(DateTime From, DateTime To)?> CloseDueAsync(DateTime nowUtc, TimeSpan? atMost, CancellationToken ct)
    {
        if (ComputedUntil is not DateTime from) throw new InvalidOperationException("ResumeAsync first.");
        var due = Floor(nowUtc - Grace);
        var to = atMost is { } step && due - from > step ? Floor(from + step) : due;
        if (to <= from) to = due; // an interval longer than the step is closed whole
        if (to <= from) return null;
        await ComputeAsync(from, to, neverStored: true, ct).ConfigureAwait(false);
        ComputedUntil = to;
        return (from, to);
    }

    /// <summary>Recomputes [from, to) (widened to whole intervals) from stored readings and replaces the stored figures,
    /// then the day sums and vital-needs rows of the local days it touches.</summary>
    public Task RecomputeAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) => ComputeAsync(fromUtc, toUtc, neverStored: false, ct);

    private async Task ComputeAsync(DateTime fromUtc, DateTime toUtc, bool neverStored, CancellationToken ct)
    {
        var whole = IntervalGrid.Covering(fromUtc, toUtc, plan.IntervalMinutes);
        var newEnergy = new List<EnergyIntervalRow>();
        for (var start = whole.StartUtc; start < whole.EndUtc; start += Chunk)
        {
            var end = start + Chunk < whole.EndUtc ? start + Chunk : whole.EndUtc;
            var grid = IntervalGrid.Covering(start, end, plan.IntervalMinutes);
            var loaded = await SiteReadingLoader.LoadAsync(readings, plan, grid.StartUtc, grid.EndUtc, ct).ConfigureAwait(false);
            var turned = plan.Piles.Count > 0 && _turnings is not null
                ? await _turnings.ReadTurningsAsync(null, grid.EndUtc - FigureComputation.CompostWindow(plan), grid.EndUtc, ct).ConfigureAwait(false)
                : [];
            var computed = FigureComputation.Compute(plan, loaded, grid, turned) with { NeverStored = neverStored };
            await results.ReplaceAsync(computed, ct).ConfigureAwait(false);
            if (neverStored) newEnergy.AddRange(computed.Energy);
        }
        var days = LocalCalendar.Boundaries(whole.StartUtc, whole.EndUtc, LocalCalendar.Period.Day, plan.Zone);
        // New intervals are added to their days' sums; a rewrite sums its days again from the stored intervals.
        if (neverStored) await EnergyDays.AddAsync(results, days, newEnergy, ct).ConfigureAwait(false);
        else await EnergyDays.RefreshAsync(results, days, ct).ConfigureAwait(false);
        // A close packs the days it ended; a rewrite repacks every closed day it touched.
        if (!neverStored || days.Skip(1).Any(d => d > whole.StartUtc && d <= whole.EndUtc))
            await EnergyProfiles.RefreshAsync(results, days, neverStored ? whole.EndUtc : Max(ComputedUntil ?? whole.EndUtc, whole.EndUtc), plan.IntervalLength, ct)
                .ConfigureAwait(false);
        var rows = new List<VitalNeedsRow>();
        for (int i = 0; i + 1 < days.Count; i++) rows.Add(await DailyVitalNeeds.ComputeAsync(plan, readings, results, days[i], days[i + 1], ct).ConfigureAwait(false));
        await results.ReplaceVitalNeedsAsync(rows, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes every span the ingest reported, works out the closed intervals each touches (see
    /// <see cref="LateData.TouchedIntervals"/>: those between the span's stored neighbours) and recomputes exactly those.
    /// </summary>
    /// <returns>The ranges recomputed, merged, in time order.</returns>
    public async Task<IReadOnlyList<(DateTime From, DateTime To)>> ProcessTouchedAsync(CancellationToken ct)
    {
        if (ComputedUntil is not DateTime closed) return [];
        var ranges = new List<(DateTime From, DateTime To)>();
        while (recalculation.TryTake(out var span))
        {
            var touched = await TouchedRangeAsync(span, ct).ConfigureAwait(false);
            if (touched is { } r && r.From < closed) ranges.Add((r.From, r.To < closed ? r.To : closed));
        }
        if (horizon?.RecomputableSinceUtc is DateTime since)
            ranges = ranges.Where(r => r.To > since).Select(r => (From: r.From < since ? Floor(since) + plan.IntervalLength : r.From, r.To)).Where(r => r.From < r.To).ToList();
        var merged = Merge(ranges);
        foreach (var (from, to) in merged)
        {
            log.LogInformation("Late or replayed data: recomputing {From:O} to {To:O}", from, to);
            await RecomputeAsync(from, to, ct).ConfigureAwait(false);
        }
        return merged;
    }

    private async Task<(DateTime From, DateTime To)?> TouchedRangeAsync(TouchedSpan span, CancellationToken ct)
    {
        // A turning names the range it changes itself (see LateDataQueue.TurningRecorded): no neighbours to look up.
        if (span.Quantity == LateDataQueue.TurningQuantity)
            return (Floor(span.From.UtcDateTime), Floor(span.To.UtcDateTime) + plan.IntervalLength);
        var key = (span.Device, span.Quantity);
        var neighbours = new List<CounterSample>();
        if (_lastSeen.TryGetValue(key, out var last) && span.From > last)
        {
            neighbours.Add(new CounterSample(last.UtcDateTime, 0)); // in-order data: its only neighbour is the previous reading
        }
        else
        {
            // Older than what we saw (or first time since start): the store's nearest readings either side of the span,
            // however far (a reading after a long silence changes every interval back to the one before it).
            string[] device = [span.Device];
            var before = await readings.ReadNearestAsync(span.Quantity, device, span.From, ReadingSide.Before, ct).ConfigureAwait(false);
            var after = await readings.ReadNearestAsync(span.Quantity, device, span.To.AddMilliseconds(1), ReadingSide.AtOrAfter, ct).ConfigureAwait(false);
            if (before.TryGetValue(span.Device, out var b)) neighbours.Add(new CounterSample(SiteReadings.ToUtc(b.TimeMs), 0));
            if (after.TryGetValue(span.Device, out var a)) neighbours.Add(new CounterSample(SiteReadings.ToUtc(a.TimeMs), 0));
        }
        _lastSeen[key] = last > span.To ? last : span.To;

        var origin = new IntervalGrid(DateTime.UnixEpoch, 0, plan.IntervalMinutes);
        var touched = LateData.TouchedIntervals(neighbours, [new CounterSample(span.From.UtcDateTime, 0), new CounterSample(span.To.UtcDateTime, 0)], origin);
        if (touched.Count == 0) return null;
        var from = origin.StartUtc + plan.IntervalLength * touched[0].First;
        var to = origin.StartUtc + plan.IntervalLength * touched[^1].End;
        return (from, to);
    }

    private static List<(DateTime From, DateTime To)> Merge(List<(DateTime From, DateTime To)> ranges)
    {
        var merged = new List<(DateTime From, DateTime To)>();
        foreach (var r in ranges.OrderBy(r => r.From))
        {
            if (merged.Count > 0 && r.From <= merged[^1].To) merged[^1] = (merged[^1].From, r.To > merged[^1].To ? r.To : merged[^1].To);
            else merged.Add(r);
        }
        return merged;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private DateTime Floor(DateTime utc) => IntervalGrid.Covering(utc, utc, plan.IntervalMinutes).StartUtc;
}
