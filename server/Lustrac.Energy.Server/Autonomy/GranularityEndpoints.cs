using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Export;

namespace Lustrac.Energy.Server.Autonomy;

/// <summary>
/// <c>GET /api/autonomy/granularity</c> and its CSV: one history netted per interval, hour, day, month and year, side by
/// side (<see cref="GranularityComparison"/>), from the stored interval rows the engine wrote (the same consumption and
/// production as /api/autonomy). The household goes through <see cref="HouseholdAccess.Resolve"/>; the privacy
/// middleware asks its consent to fine data, since interval and hourly netting are computed from its load curve.
/// </summary>
public static class GranularityEndpoints
{
    /// <summary>A year and a leap day, plus a margin for a range that does not start at midnight.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    public static void MapGranularityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/autonomy/granularity", async (HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, string? household, CancellationToken ct) =>
        {
            var (comparison, error) = await CompareAsync(http, plan, store, clock, household, ct);
            if (error is not null) return error;
            var c = comparison!;
            var interval = c.Nettings[0];
            return Results.Ok(new
            {
                site = plan.SiteId,
                scope = c.Scope.Name,
                household = c.Scope.Household,
                from = AutonomyQuery.Format(c.FromUtc),
                to = AutonomyQuery.Format(c.ToUtc),
                interval_minutes = plan.IntervalMinutes,
                quality = new { intervals = new { expected = c.Expected, present = c.Present }, coverage = c.Coverage },
                consumption_kwh = c.Present > 0 ? interval.Consumption : (double?)null,
                production_kwh = c.Present > 0 ? interval.Production : (double?)null,
                engine_self_sufficiency = c.EngineSelfSufficiency,
                nettings = c.Nettings.Select(n => new
                {
                    netting = Name(n.Netting),
                    steps = n.Steps,
                    self_consumed_kwh = c.Present > 0 ? n.SelfConsumed : (double?)null,
                    self_sufficiency = n.SelfSufficiency,
                    self_consumption = n.SelfConsumption,
                    // How many percentage points above the per-interval figure: 0 for the interval itself.
                    self_sufficiency_overstatement = n.SelfSufficiency - interval.SelfSufficiency,
                }),
                why = GranularityComparison.WhyCoarseOverstates,
            });
        });

        app.MapGet("/api/autonomy/granularity.csv", async (HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, string? household, CancellationToken ct) =>
        {
            var (comparison, error) = await CompareAsync(http, plan, store, clock, household, ct);
            if (error is not null) return error;
            var c = comparison!;
            var csv = Csv.Write(c.Nettings,
            [
                ("from_utc", _ => c.FromUtc),
                ("to_utc", _ => c.ToUtc),
                ("scope", _ => c.Scope.Household ?? c.Scope.Name),
                ("netting", n => Name(n.Netting)),
                ("steps", n => n.Steps),
                ("consumption_kwh", n => c.Present > 0 ? n.Consumption : null),
                ("production_kwh", n => c.Present > 0 ? n.Production : null),
                ("self_consumed_kwh", n => c.Present > 0 ? n.SelfConsumed : null),
                ("self_sufficiency", n => n.SelfSufficiency),
                ("self_consumption", n => n.SelfConsumption),
                ("coverage", _ => c.Coverage),
            ]);
            return Results.Text(csv, "text/csv; charset=utf-8");
        });
    }

    /// <summary>The comparison of one scope over a range, with what the figures rest on.</summary>
    public sealed record Comparison(RequestedScope Scope, DateTime FromUtc, DateTime ToUtc, int Expected, int Present,
        IReadOnlyList<NettingResult> Nettings, double? EngineSelfSufficiency)
    {
        public double Coverage => Expected > 0 ? (double)Present / Expected : 0;
    }

    /// <summary>Validates the request (household, from, to; whole local days) and nets the stored intervals of its range.</summary>
    public static async Task<(Comparison? Result, IResult? Error)> CompareAsync(HttpContext http, SitePlan plan, IAutonomyStore store,
        TimeProvider clock, string? household, CancellationToken ct)
    {
        var (scope, error) = HouseholdAccess.Resolve(http, plan, household);
        if (error is not null) return (null, error);
        // Every netting is shown at once, over whole local days: a resolution would mean nothing here.
        if (http.Request.Query.ContainsKey("resolution"))
            return (null, ApiErrors.BadRequest("resolution: not used by /api/autonomy/granularity, which compares every netting over whole days; give from and to only"));
        var (query, queryError) = AutonomyQuery.Parse(http.Request, plan, clock.GetUtcNow().UtcDateTime, MaxRange);
        if (queryError is not null) return (null, queryError);
        var rows = await store.ReadEnergyAsync(scope!.Household, query!.FromUtc, query.ToUtc, ct);
        return (Compute(plan, scope, query.FromUtc, query.ToUtc, rows), null);
    }

    /// <summary>The comparison from stored interval rows (missing intervals left out of every netting alike).</summary>
    public static Comparison Compute(SitePlan plan, RequestedScope scope, DateTime fromUtc, DateTime toUtc, IReadOnlyList<EnergyIntervalRow> rows)
    {
        var defined = rows.Where(r => r.IsDefined && r.StartUtc >= fromUtc && r.StartUtc < toUtc).ToList();
        var flows = defined.Select(r => new IntervalFlows(r.StartUtc, r.Parts.Consumption, r.Parts.Production)).ToList();
        var expected = (int)((toUtc - fromUtc).Ticks / plan.IntervalLength.Ticks);
        var engine = Ratio.Clamped(defined.Sum(r => r.Parts.LocallySupplied), defined.Sum(r => r.Parts.Consumption));
        return new Comparison(scope, fromUtc, toUtc, expected, defined.Count, GranularityComparison.Compare(flows, plan.Zone), engine);
    }

    private static string Name(Netting n) => n.ToString().ToLowerInvariant();
}
