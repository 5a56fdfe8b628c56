using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary>
/// The figures API, one group per route prefix: <c>/api/autonomy</c> (energy, its CSV, the allocation-key comparison and
/// the granularity comparison, <see cref="GranularityEndpoints"/>), <c>/api/water</c>, <c>/api/compost</c>
/// (<see cref="CompostEndpoints"/>) and <c>/api/vital-needs</c> (<see cref="VitalNeedsEndpoints"/>). Figures come from
/// the stored interval rows (the ones Grafana plots), summed per period by the store; compare and compost are computed
/// from readings. Every household parameter goes through <see cref="HouseholdAccess.Resolve"/>.
/// </summary>
public static class AutonomyEndpoints
{
    /// <summary>Comparing keys recomputes from raw readings, so it serves shorter ranges.</summary>
    private static readonly TimeSpan CompareMaxRange = TimeSpan.FromDays(31);

    public static void MapAutonomyEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        // A group's own path is mapped on its parent: MapGet("") under the group would give the route a trailing slash.
        api.MapGet("/autonomy", GetAutonomy);
        api.MapGet("/autonomy.csv", GetAutonomyCsv).Produces<string>(StatusCodes.Status200OK, AutonomyCsv.MediaType);
        var autonomy = api.MapGroup("/autonomy");
        autonomy.MapGet("/compare", CompareKeys);
        autonomy.MapCompareHouseholds();
        autonomy.MapGranularityEndpoints();
        api.MapGet("/water", GetWater);
        api.MapGet("/compost", CompostEndpoints.GetCompost);
        api.MapGroup("/compost").MapCompostEndpoints();
        api.MapGet("/vital-needs", VitalNeedsEndpoints.GetVitalNeeds);
    }

    public static async Task<Results<Ok<AutonomyResponse>, BadRequest<ApiError>>> GetAutonomy(
        HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, string? household, CancellationToken ct)
    {
        var (scope, query, error) = AutonomyFigures.Validate(http, plan, clock, household);
        if (error is not null) return error;
        var reference = query!.ToUtc < clock.GetUtcNow().UtcDateTime ? query.ToUtc : clock.GetUtcNow().UtcDateTime;
        // Three independent reads, asked together: on InfluxDB each is a round trip of its own.
        var periodsRead = AutonomyFigures.EnergyPeriodsAsync(store, plan, scope!, query, ct);
        var progressRead = AutonomyFigures.ProgressAsync(store, plan, scope!, reference, ct);
        var eventsRead = AutonomyFigures.EventsAsync(store, plan, scope!, query, ct);
        await Task.WhenAll(periodsRead, progressRead, eventsRead);
        var periods = await periodsRead;
        return TypedResults.Ok(new AutonomyResponse(plan.SiteId, scope!.Name, scope.Household, query.ResolutionName,
            AutonomyQuery.Format(query.FromUtc), AutonomyQuery.Format(query.ToUtc), plan.Targets.EnergySelfSufficiency,
            periods.Periods.Select(EnergyPeriodJson.Of), EnergyPeriodJson.Of(periods.Total),
            await progressRead, (await eventsRead).Select(CounterEventJson.Of)));
    }

    public static async Task<Results<ContentHttpResult, BadRequest<ApiError>>> GetAutonomyCsv(
        HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, string? household, CancellationToken ct)
    {
        var (scope, query, error) = AutonomyFigures.Validate(http, plan, clock, household);
        if (error is not null) return error;
        var periods = await AutonomyFigures.EnergyPeriodsAsync(store, plan, scope!, query!, ct);
        var events = await AutonomyFigures.EventsAsync(store, plan, scope!, query!, ct);
        return TypedResults.Text(AutonomyCsv.Energy(periods.Periods, events), AutonomyCsv.ContentType);
    }

    public static async Task<Results<Ok<CompareResponse>, BadRequest<ApiError>>> CompareKeys(
        HttpContext http, SitePlan plan, SiteModel site, IReadingStore readings, TimeProvider clock, string? household, CancellationToken ct)
    {
        var (scope, error) = HouseholdAccess.Resolve(http, plan, household);
        if (error is not null) return error;
        var (query, queryError) = AutonomyQuery.Parse(http.Request, plan, clock.GetUtcNow().UtcDateTime, CompareMaxRange);
        if (queryError is not null) return queryError;
        var grid = IntervalGrid.Covering(query!.FromUtc, query.ToUtc, plan.IntervalMinutes);
        var loaded = await SiteReadingLoader.LoadAsync(readings, plan, grid.StartUtc, grid.EndUtc, ct);
        var staticRule = site.Allocation.StaticShares.Count > 0
            ? SitePlan.RuleFor(site.Allocation with { Key = Protocol.Site.AllocationKey.Static }, plan.Households) : null;
        var results = FigureComputation.CompareKeys(plan, loaded, grid, staticRule);
        int h = scope!.Household is null ? -1 : plan.Households.ToList().FindIndex(x => x.Id == scope.Household);
        var keys = results.ToDictionary(r => AutonomyFigures.KeyName(r.Key), r =>
        {
            var records = h < 0 ? r.Value.Neighbourhood : r.Value.Households[h];
            var periods = Rollup.ByPeriods<EnergyParts>(records, query.Boundaries, plan.IntervalLength);
            return new KeyFigures(periods.Select(EnergyPeriodJson.Of),
                EnergyPeriodJson.Of(Rollup.Range<EnergyParts>(records, query.FromUtc, query.ToUtc, plan.IntervalLength)));
        });
        return TypedResults.Ok(new CompareResponse(plan.SiteId, scope.Name, scope.Household, AutonomyFigures.KeyName(plan.Allocation.Key),
            AutonomyQuery.Format(query.FromUtc), AutonomyQuery.Format(query.ToUtc), keys));
    }

    public static async Task<Results<Ok<WaterResponse>, BadRequest<ApiError>>> GetWater(
        HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, string? household, CancellationToken ct)
    {
        var (scope, query, error) = AutonomyFigures.Validate(http, plan, clock, household);
        if (error is not null) return error;
        var tankFrom = query!.FromUtc < query.ToUtc - TimeSpan.FromDays(1) ? query.FromUtc : query.ToUtc - TimeSpan.FromDays(1);
        var waterRead = store.ReadWaterAsync(scope!.Household, query.FromUtc, query.ToUtc, ct);
        var tanksRead = store.ReadTanksAsync(tankFrom, query.ToUtc, ct); // asked together, as above
        await Task.WhenAll(waterRead, tanksRead);
        var rows = (await waterRead).Select(r => r.ToRecord()).ToArray();
        var tanks = await tanksRead;
        return TypedResults.Ok(new WaterResponse(plan.SiteId, scope.Name, scope.Household, query.ResolutionName,
            AutonomyQuery.Format(query.FromUtc), AutonomyQuery.Format(query.ToUtc), plan.Targets.WaterAutonomy,
            Rollup.ByPeriods<WaterParts>(rows, query.Boundaries, plan.IntervalLength).Select(WaterPeriodJson.Of),
            WaterPeriodJson.Of(Rollup.Range<WaterParts>(rows, query.FromUtc, query.ToUtc, plan.IntervalLength)),
            plan.Tanks.Select(t => AutonomyFigures.Tank(t, tanks.Where(r => r.Asset == t.Id).ToList(), query))));
    }
}
