using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary>
/// <c>GET /api/autonomy/compare/households?from&amp;to</c>: the allocation keys side by side for every household the
/// token may see, from one run of the engine under each key (what /api/autonomy/compare gives one household at a time,
/// so a page of 30 homes recomputes the range once, not 30 times). Range totals over whole local days only: a day
/// figure, which the operator sees of every home and a home of itself (<see cref="PrivacyPolicy.MaySeeResolution"/>);
/// the neighbourhood's part follows the middleware's rule for aggregates (refused on a site of fewer than five homes).
/// </summary>
public static class CompareHouseholdsEndpoints
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    public static void MapCompareHouseholds(this RouteGroupBuilder autonomy) =>
        autonomy.MapGet("/compare/households", GetCompareHouseholds);

    public static async Task<Results<Ok<CompareHouseholdsResponse>, BadRequest<ApiError>>> GetCompareHouseholds(
        HttpContext http, SitePlan plan, SiteModel site, IReadingStore readings, PrivacyPolicy policy, Viewer viewer, TimeProvider clock, CancellationToken ct)
    {
        // Whole local days: a total over a few intervals of a home would be its load curve.
        if (http.Request.Query.ContainsKey("resolution") || http.Request.Query.ContainsKey("household"))
            return ApiErrors.BadRequest("resolution, household: not used by /api/autonomy/compare/households, which gives every household you may see over whole days; give from and to only (one household at every resolution: /api/autonomy/compare)");
        var (query, error) = AutonomyQuery.Parse(http.Request, plan, clock.GetUtcNow().UtcDateTime, MaxRange);
        if (error is not null) return error;
        var grid = IntervalGrid.Covering(query!.FromUtc, query.ToUtc, plan.IntervalMinutes);
        var loaded = await SiteReadingLoader.LoadAsync(readings, plan, grid.StartUtc, grid.EndUtc, ct);
        var staticRule = site.Allocation.StaticShares.Count > 0
            ? SitePlan.RuleFor(site.Allocation with { Key = AllocationKey.Static }, plan.Households) : null;
        var results = FigureComputation.CompareKeys(plan, loaded, grid, staticRule)
            .ToDictionary(r => AutonomyFigures.KeyName(r.Key), r => r.Value);
        Rollup<EnergyParts> Total(IntervalRecord<EnergyParts>[] records) => Rollup.Range<EnergyParts>(records, query.FromUtc, query.ToUtc, plan.IntervalLength);

        var neighbourhood = results.ToDictionary(r => r.Key, r => Total(r.Value.Neighbourhood));
        var shared = SharedProduction(results.Values.First(), neighbourhood.Values.First(), Total);
        var ids = plan.Households.Select(h => h.Id).ToList();
        var visible = ids.Where(h => policy.MaySeeResolution(viewer, h, "day")).ToList();
        var households = visible.Select(h => new HouseholdKeysJson(h, site.Households.FirstOrDefault(x => x.Id == h)?.Name is { Length: > 0 } name ? name : h,
            results.ToDictionary(r => r.Key, r => Share(Total(r.Value.Households[ids.IndexOf(h)]), shared))));
        return TypedResults.Ok(new CompareHouseholdsResponse(plan.SiteId, AutonomyFigures.KeyName(plan.Allocation.Key),
            AutonomyQuery.Format(query.FromUtc), AutonomyQuery.Format(query.ToUtc), plan.Zone.Id, plan.IntervalMinutes, results.Keys,
            neighbourhood.Values.First().Present > 0 ? shared : null,
            neighbourhood.ToDictionary(n => n.Key, n => Share(n.Value, shared)),
            households.ToList(), ids.Count - visible.Count, HiddenReason(viewer, ids.Count - visible.Count)));
    }

    /// <summary>A total under one key and its part of the shared arrays' production (none when they produced nothing).</summary>
    private static KeyShareJson Share(Rollup<EnergyParts> total, double shared) =>
        new(EnergyPeriodJson.Of(total), total.Present > 0 && shared > 0 ? total.Sum.Allocated / shared : null);

    /// <summary>The shared arrays' production: the neighbourhood's minus each home's own panels (a home's production is its own PV plus its share).</summary>
    private static double SharedProduction(EnergyResult result, Rollup<EnergyParts> neighbourhood, Func<IntervalRecord<EnergyParts>[], Rollup<EnergyParts>> total) =>
        neighbourhood.Sum.Production - result.Households.Sum(h => { var t = total(h); return t.Sum.Production - t.Sum.Allocated; });

    private static Dictionary<string, string>? HiddenReason(Viewer viewer, int hidden) => hidden == 0 ? null : viewer.Kind switch
    {
        ViewerKind.Public => new() { ["en"] =
            $"a shared screen (no token) sees no household's figures, only the neighbourhood's: {hidden} household(s) not shown; open the page with a household's pairing link (its own figures) or the operator's token", ["fr"] =
            $"un écran partagé (sans jeton) ne voit aucun foyer, seulement le quartier : {hidden} foyer(s) non affiché(s) ; ouvrez la page avec le lien d'appairage d'un foyer (ses propres chiffres) ou le jeton de l'exploitant" },
        _ => new() { ["en"] =
            $"a household's token sees its own figures only: {hidden} other household(s) not shown", ["fr"] =
            $"le jeton d'un foyer ne montre que ses propres chiffres : {hidden} autre(s) foyer(s) non affiché(s)" },
    };
}
