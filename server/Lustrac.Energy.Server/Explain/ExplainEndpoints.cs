using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Explain;

/// <summary>
/// <c>GET /api/explain/{figure}</c> and <c>/api/explain/{figure}.csv</c> (the students' handout): how a figure is
/// computed, with the stored rows it is made of. Ranges are whole local days, at most <see cref="MaxRange"/>. The
/// household goes through <see cref="HouseholdAccess.Resolve"/> after the privacy middleware, which treats the request
/// as fine data (no <c>resolution</c> is accepted): the per-interval table of a household is its load curve.
/// </summary>
public static class ExplainEndpoints
{
    /// <summary>A month of intervals is the longest table worth reading (2,976 rows of 15 minutes).</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    public static void MapExplainEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/explain/{figure}", async (HttpContext http, string figure, ExplainDependencies d, Viewer viewer, string? household,
            string? asset, string? pile, CancellationToken ct) =>
        {
            var (e, error) = await ExplainAsync(http, figure, d, viewer, household, asset, pile, ct);
            return error ?? Results.Ok(ExplainJson.Of(e!, d.Plan));
        });

        app.MapGet("/api/explain/{figure}.csv", async (HttpContext http, string figure, ExplainDependencies d, Viewer viewer, string? household,
            string? asset, string? pile, CancellationToken ct) =>
        {
            var (e, error) = await ExplainAsync(http, figure, d, viewer, household, asset, pile, ct);
            return error ?? Results.Text(ExplainJson.Csv(e!), "text/csv; charset=utf-8");
        });

        app.MapCompareCsv(); // the other handout the explanation page's readers ask for
    }

    private static async Task<(Explanation?, IResult?)> ExplainAsync(HttpContext http, string figure, ExplainDependencies d, Viewer viewer,
        string? household, string? asset, string? pile, CancellationToken ct)
    {
        if (!ExplainFigures.All.Contains(figure, StringComparer.Ordinal))
            return (null, ApiErrors.BadRequest($"figure '{figure}' is not one of {string.Join(", ", ExplainFigures.All)}"));
        if (http.Request.Query.ContainsKey("resolution"))
            return (null, ApiErrors.BadRequest("resolution: not used by /api/explain, which shows every interval of whole local days; give from and to only"));
        var (scope, scopeError) = HouseholdAccess.Resolve(http, d.Plan, household);
        if (scopeError is not null) return (null, scopeError);
        var now = d.Clock.GetUtcNow().UtcDateTime;
        var (query, queryError) = AutonomyQuery.Parse(http.Request, d.Plan, now, MaxRange);
        if (queryError is not null) return (null, queryError);
        bool aboutHousehold = figure is ExplainFigures.SelfSufficiency or ExplainFigures.SelfConsumption or ExplainFigures.Allocation or ExplainFigures.WaterAutonomy;
        if (!aboutHousehold && scope!.Household is not null)
            return (null, ApiErrors.BadRequest($"household: {figure} is a figure of the neighbourhood's shared assets, not of a household"));

        switch (figure)
        {
            case ExplainFigures.TankDaysLeft:
                var tank = d.Plan.Tanks.FirstOrDefault(t => t.Id == asset);
                if (tank is null) return (null, ApiErrors.BadRequest($"asset: give the tank, one of {string.Join(", ", d.Plan.Tanks.Select(t => t.Id))} (got '{asset}')"));
                return (await WaterExplanation.DaysLeftAsync(d.Store, tank, query!, ct), null);
            case ExplainFigures.CompostProgress:
                var plan = d.Plan.Piles.FirstOrDefault(p => p.Id == pile);
                if (plan is null) return (null, ApiErrors.BadRequest($"pile: give the compost pile, one of {string.Join(", ", d.Plan.Piles.Select(p => p.Id))} (got '{pile}')"));
                return (await CompostExplanation.BuildAsync(d.Store, d.Readings, d.Turnings, plan, query!, now, ct), null);
            case ExplainFigures.VitalNeeds:
                return (await VitalNeedsExplanation.BuildAsync(d.Store, query!, ct), null);
            case ExplainFigures.WaterAutonomy:
                return (await WaterExplanation.AutonomyAsync(d.Store, d.Plan, scope!, query!, ct), null);
            default:
                return (await EnergyExplanation.BuildAsync(figure, d.Store, d.Plan, d.Policy, viewer, scope!, query!, ct), null);
        }
    }
}

/// <summary>What an explanation reads, bound in one parameter (the endpoint's list would be long).</summary>
public sealed class ExplainDependencies(SitePlan plan, IAutonomyStore store, IReadingStore readings, ITurningStore turnings, PrivacyPolicy policy, TimeProvider clock)
{
    public SitePlan Plan => plan;
    public IAutonomyStore Store => store;
    public IReadingStore Readings => readings;
    public ITurningStore Turnings => turnings;
    public PrivacyPolicy Policy => policy;
    public TimeProvider Clock => clock;

    public static ValueTask<ExplainDependencies?> BindAsync(HttpContext context) => ValueTask.FromResult<ExplainDependencies?>(new(
        context.RequestServices.GetRequiredService<SitePlan>(), context.RequestServices.GetRequiredService<IAutonomyStore>(),
        context.RequestServices.GetRequiredService<IReadingStore>(), context.RequestServices.GetRequiredService<ITurningStore>(),
        context.RequestServices.GetRequiredService<PrivacyPolicy>(), context.RequestServices.GetRequiredService<TimeProvider>()));
}
