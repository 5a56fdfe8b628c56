using Lustrac.Energy.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Targets;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary>
/// <c>GET /api/vital-needs</c>: the vital-needs index per local day, month or year and its progress against the
/// target (day, month, rolling 12 months), from the stored daily <c>vital_needs</c> rows. A period's components come
/// from the summed parts of its days (kWh, litres, kg), never from averaged daily ratios.
/// </summary>
public static class VitalNeedsEndpoints
{
    public static async Task<Results<Ok<VitalNeedsResponse>, BadRequest<ApiError>>> GetVitalNeeds(
        HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (query, error) = AutonomyQuery.Parse(http.Request, plan, now);
        if (error is not null) return error;
        if (query!.Resolution == Resolution.Interval)
            return ApiErrors.BadRequest("the vital-needs index is computed per local day: ask for resolution=day, month or year");
        var rows = await store.ReadVitalNeedsAsync(query.FromUtc, query.ToUtc, ct);
        double target = plan.Targets.VitalNeeds;
        var weights = VitalNeedsWeights.Equal;
        return TypedResults.Ok(new VitalNeedsResponse(plan.SiteId, query.ResolutionName,
            AutonomyQuery.Format(query.FromUtc), AutonomyQuery.Format(query.ToUtc), target,
            new VitalNeedsWeightsJson(weights.Energy, weights.Water, weights.Compost),
            Enumerable.Range(0, query.Boundaries.Count - 1).Select(i => Period(rows, query.Boundaries[i], query.Boundaries[i + 1], plan, target)),
            Period(rows, query.FromUtc, query.ToUtc, plan, target),
            await ProgressAsync(store, plan, query.ToUtc < now ? query.ToUtc : now, target, ct)));
    }

    /// <summary>The local day and month containing the reference time, and the 12 months before the end of that day.</summary>
    private static async Task<ProgressJson<VitalNeedsPeriodJson>> ProgressAsync(IAutonomyStore store, SitePlan plan, DateTime referenceUtc, double target, CancellationToken ct)
    {
        var at = referenceUtc.AddTicks(-1);
        var day = LocalCalendar.Boundaries(at, referenceUtc, LocalCalendar.Period.Day, plan.Zone);
        var month = LocalCalendar.Boundaries(at, referenceUtc, LocalCalendar.Period.Month, plan.Zone);
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(day[1], plan.Zone));
        var yearAgo = LocalCalendar.StartUtc(localDay.AddMonths(-12), plan.Zone);
        var rows = await store.ReadVitalNeedsAsync(yearAgo, day[1], ct);
        return new ProgressJson<VitalNeedsPeriodJson>(Period(rows, day[0], day[1], plan, target),
            Period(rows, month[0], month[1], plan, target), Period(rows, yearAgo, day[1], plan, target));
    }

    private static VitalNeedsPeriodJson Period(IReadOnlyList<VitalNeedsRow> rows, DateTime start, DateTime end, SitePlan plan, double target)
    {
        var days = rows.Where(r => r.DayStartUtc >= start && r.DayStartUtc < end).ToList();
        var sum = days.Aggregate(VitalNeedsParts.AdditiveIdentity, (total, r) => total + r.Parts);
        double? index = sum.Index;
        return new VitalNeedsPeriodJson(AutonomyQuery.Format(start), AutonomyQuery.Format(end), sum.EnergyRatio, sum.WaterRatio,
            sum.CompostRatio, index, target, index is double v && target > 0 ? Math.Min(1, v / target) : null,
            index is double m ? m >= target : null,
            new DayCounts(LocalCalendar.Boundaries(start, end, LocalCalendar.Period.Day, plan.Zone).Count - 1, days.Count(r => !r.Parts.IsEmpty)));
    }
}
