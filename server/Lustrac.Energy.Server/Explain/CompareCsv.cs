using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Export;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Storage;
using EngineKey = Lustrac.Energy.Autonomy.Allocation.AllocationKey;

namespace Lustrac.Energy.Server.Explain;

/// <summary>
/// <c>GET /api/autonomy/compare.csv</c>: the students' handout of /api/autonomy/compare, the allocation keys side by side
/// (one row per key and period, then a total row per key), computed the same way: the engine under each key over the
/// range's readings. The household goes through <see cref="HouseholdAccess.Resolve"/> behind the privacy middleware.
/// </summary>
public static class CompareCsv
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    public static void MapCompareCsv(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/autonomy/compare.csv", async (HttpContext http, SitePlan plan, SiteModel site, IReadingStore readings, TimeProvider clock,
            string? household, CancellationToken ct) =>
        {
            var (scope, error) = HouseholdAccess.Resolve(http, plan, household);
            if (error is not null) return error;
            var (query, queryError) = AutonomyQuery.Parse(http.Request, plan, clock.GetUtcNow().UtcDateTime, MaxRange);
            if (queryError is not null) return queryError;
            var grid = IntervalGrid.Covering(query!.FromUtc, query.ToUtc, plan.IntervalMinutes);
            var loaded = await SiteReadingLoader.LoadAsync(readings, plan, grid.StartUtc, grid.EndUtc, ct);
            var staticRule = site.Allocation.StaticShares.Count > 0
                ? SitePlan.RuleFor(site.Allocation with { Key = Protocol.Site.AllocationKey.Static }, plan.Households) : null;
            int h = scope!.Household is null ? -1 : plan.Households.ToList().FindIndex(x => x.Id == scope.Household);
            var rows = new List<(string Key, string Row, Rollup<EnergyParts> R)>();
            foreach (var (key, result) in FigureComputation.CompareKeys(plan, loaded, grid, staticRule))
            {
                var records = h < 0 ? result.Neighbourhood : result.Households[h];
                foreach (var p in Rollup.ByPeriods<EnergyParts>(records, query.Boundaries, plan.IntervalLength)) rows.Add((Name(key), "period", p));
                rows.Add((Name(key), "total", Rollup.Range<EnergyParts>(records, query.FromUtc, query.ToUtc, plan.IntervalLength)));
            }
            var csv = Csv.Write(rows,
            [
                ("key", r => r.Key),
                ("row", r => r.Row),
                ("scope", _ => scope.Household ?? scope.Name),
                ("start_utc", r => r.R.StartUtc),
                ("end_utc", r => r.R.EndUtc),
                ("consumption_kwh", r => r.R.Present > 0 ? r.R.Sum.Consumption : null),
                ("allocated_kwh", r => r.R.Present > 0 ? r.R.Sum.Allocated : null),
                ("import_kwh", r => r.R.Present > 0 ? r.R.Sum.Import : null),
                ("export_kwh", r => r.R.Present > 0 ? r.R.Sum.Export : null),
                ("self_sufficiency", r => r.R.Present > 0 ? r.R.Sum.SelfSufficiency : null),
                ("coverage", r => r.R.Coverage),
            ]);
            return Results.Text(csv, "text/csv; charset=utf-8");
        });

    private static string Name(EngineKey key) => key switch
    {
        EngineKey.Static => "static",
        EngineKey.EqualShare => "equal_share",
        _ => "default_dynamic",
    };
}
