using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Autonomy.Export;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary>
/// <c>GET /api/autonomy/granularity</c> and its CSV: one history netted per interval, hour, day, month and year, side by
/// side (<see cref="GranularityFigures"/>). The household goes through <see cref="HouseholdAccess.Resolve"/>; the privacy
/// middleware asks its consent to fine data, since interval and hourly netting are computed from its load curve.
/// </summary>
public static class GranularityEndpoints
{
    public static void MapGranularityEndpoints(this RouteGroupBuilder autonomy)
    {
        autonomy.MapGet("/granularity", GetGranularity);
        autonomy.MapGet("/granularity.csv", GetGranularityCsv).Produces<string>(StatusCodes.Status200OK, AutonomyCsv.MediaType);
    }

    public static async Task<Results<Ok<GranularityResponse>, BadRequest<ApiError>>> GetGranularity(
        HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, string? household, CancellationToken ct)
    {
        var (comparison, error) = await GranularityFigures.CompareAsync(http, plan, store, clock, household, ct);
        if (error is not null) return error;
        var c = comparison!;
        var interval = c.Nettings[0];
        bool any = c.Present > 0;
        return TypedResults.Ok(new GranularityResponse(plan.SiteId, c.Scope.Name, c.Scope.Household,
            AutonomyQuery.Format(c.FromUtc), AutonomyQuery.Format(c.ToUtc), plan.IntervalMinutes,
            new GranularityQuality(new PresentCounts(c.Expected, c.Present), c.Coverage),
            any ? interval.Consumption : null, any ? interval.Production : null,
            // The overstatement is how many percentage points above the per-interval figure: 0 for the interval itself.
            c.Nettings.Select(n => new NettingJson(GranularityFigures.Name(n.Netting), n.Steps, any ? n.SelfConsumed : null,
                n.SelfSufficiency, n.SelfConsumption, n.SelfSufficiency - interval.SelfSufficiency)),
            GranularityComparison.WhyCoarseOverstates));
    }

    public static async Task<Results<ContentHttpResult, BadRequest<ApiError>>> GetGranularityCsv(
        HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, string? household, CancellationToken ct)
    {
        var (comparison, error) = await GranularityFigures.CompareAsync(http, plan, store, clock, household, ct);
        if (error is not null) return error;
        var c = comparison!;
        var csv = Csv.Write(c.Nettings,
        [
            ("from_utc", _ => c.FromUtc),
            ("to_utc", _ => c.ToUtc),
            ("scope", _ => c.Scope.Household ?? c.Scope.Name),
            ("netting", n => GranularityFigures.Name(n.Netting)),
            ("steps", n => n.Steps),
            ("consumption_kwh", n => c.Present > 0 ? n.Consumption : null),
            ("production_kwh", n => c.Present > 0 ? n.Production : null),
            ("self_consumed_kwh", n => c.Present > 0 ? n.SelfConsumed : null),
            ("self_sufficiency", n => n.SelfSufficiency),
            ("self_consumption", n => n.SelfConsumption),
            ("coverage", _ => c.Coverage),
        ]);
        return TypedResults.Text(csv, AutonomyCsv.ContentType);
    }
}
