using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Targets;

namespace Lustrac.Energy.Server.Autonomy;

/// <summary>
/// <c>GET /api/vital-needs</c>: the vital-needs index per local day, month or year and its progress against the
/// target (day, month, rolling 12 months), from the stored daily <c>vital_needs</c> rows. A period's components come
/// from the summed parts of its days (kWh, litres, kg), never from averaged daily ratios.
/// </summary>
public static class VitalNeedsEndpoints
{
    public static void MapVitalNeedsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/vital-needs", async (HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var (query, error) = AutonomyQuery.Parse(http.Request, plan, now);
            if (error is not null) return error;
            if (query!.Resolution == Resolution.Interval)
                return ApiErrors.BadRequest("the vital-needs index is computed per local day: ask for resolution=day, month or year");
            var rows = await store.ReadVitalNeedsAsync(query.FromUtc, query.ToUtc, ct);
            double target = plan.Targets.VitalNeeds;
            var weights = VitalNeedsWeights.Equal;
            return Results.Ok(new
            {
                site = plan.SiteId,
                resolution = query.Resolution.ToString().ToLowerInvariant(),
                from = AutonomyQuery.Format(query.FromUtc),
                to = AutonomyQuery.Format(query.ToUtc),
                target,
                weights = new { energy = weights.Energy, water = weights.Water, compost = weights.Compost },
                periods = Enumerable.Range(0, query.Boundaries.Count - 1)
                    .Select(i => Period(rows, query.Boundaries[i], query.Boundaries[i + 1], plan, target)),
                total = Period(rows, query.FromUtc, query.ToUtc, plan, target),
                progress = await ProgressAsync(store, plan, query.ToUtc < now ? query.ToUtc : now, target, ct),
            });
        });
    }

    /// <summary>The local day and month containing the reference time, and the 12 months before the end of that day.</summary>
    private static async Task<object> ProgressAsync(IAutonomyStore store, SitePlan plan, DateTime referenceUtc, double target, CancellationToken ct)
    {
        var at = referenceUtc.AddTicks(-1);
        var day = LocalCalendar.Boundaries(at, referenceUtc, LocalCalendar.Period.Day, plan.Zone);
        var month = LocalCalendar.Boundaries(at, referenceUtc, LocalCalendar.Period.Month, plan.Zone);
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(day[1], plan.Zone));
        var yearAgo = LocalCalendar.StartUtc(localDay.AddMonths(-12), plan.Zone);
        var rows = await store.ReadVitalNeedsAsync(yearAgo, day[1], ct);
        return new
        {
            day = Period(rows, day[0], day[1], plan, target),
            month = Period(rows, month[0], month[1], plan, target),
            rolling_12_months = Period(rows, yearAgo, day[1], plan, target),
        };
    }

    private static object Period(IReadOnlyList<VitalNeedsRow> rows, DateTime start, DateTime end, SitePlan plan, double target)
    {
        var days = rows.Where(r => r.DayStartUtc >= start && r.DayStartUtc < end).ToList();
        var sum = days.Aggregate(VitalNeedsParts.AdditiveIdentity, (total, r) => total + r.Parts);
        double? index = sum.Index;
        return new
        {
            start = AutonomyQuery.Format(start),
            end = AutonomyQuery.Format(end),
            energy = sum.EnergyRatio,
            water = sum.WaterRatio,
            compost = sum.CompostRatio,
            index,
            target,
            progress = index is double v && target > 0 ? Math.Min(1, v / target) : (double?)null,
            met = index is double m ? m >= target : (bool?)null,
            days = new
            {
                expected = LocalCalendar.Boundaries(start, end, LocalCalendar.Period.Day, plan.Zone).Count - 1,
                with_data = days.Count(r => !r.Parts.IsEmpty),
            },
        };
    }
}
