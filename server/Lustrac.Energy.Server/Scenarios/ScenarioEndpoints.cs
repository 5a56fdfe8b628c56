using System.Text.Json;
using Lustrac.Energy.Autonomy.Scenarios;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.Server.Scenarios;

/// <summary>
/// <c>POST /api/scenarios</c> and <c>DELETE /api/scenarios/{id}</c> (operator), <c>GET /api/scenarios</c>, <c>GET /api/scenarios/{id}/result</c> and
/// <c>.csv</c>: each result reads the range's stored results again (<see cref="StoredHistory"/>), so a saved scenario
/// follows new history. Household rows are filtered by the viewer: the operator sees every home (never finer than a
/// day, see <see cref="ScenarioQuery"/>), a household token its own, a shared screen none; the neighbourhood's
/// figures are shown to anyone only over at least <see cref="PrivacyPolicy.MinimumAggregateHouseholds"/> households.
/// </summary>
public static class ScenarioEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapScenarioEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/scenarios", async (HttpRequest request, SiteModel site, SitePlan plan, ScenarioBook book, CancellationToken ct) =>
        {
            ScenarioSpec? spec;
            try { spec = await JsonSerializer.DeserializeAsync<ScenarioSpec>(request.Body, Json, ct); }
            catch (JsonException e) { return ApiErrors.BadRequest($"body: not a scenario in JSON ({e.Message})"); }
            if (spec is null) return ApiErrors.BadRequest("body: give a scenario in JSON, e.g. {\"name\": \"PV x2\", \"scaledArrays\": [{\"arrayId\": \"pv-atelier\", \"factor\": 2}]}");
            var (_, problems) = spec.ToChanges(site, plan);
            if (problems.Count > 0) return Refused(problems, "", "");
            var saved = book.Add(spec);
            return Results.Json(saved, Json, statusCode: StatusCodes.Status201Created);
        }).RequireOperator();

        app.MapDelete("/api/scenarios/{id}", (string id, ScenarioBook book) => book.Remove(id)
            ? Results.NoContent()
            : Results.Json(new { error = $"no saved scenario '{id}' (GET /api/scenarios lists them)" }, statusCode: StatusCodes.Status404NotFound))
            .RequireOperator();

        // The shared arrays and keys come along so the working group's page can offer them.
        app.MapGet("/api/scenarios", (ScenarioBook book, SiteModel site) => Results.Json(new
        {
            scenarios = book.List(),
            arrays = StoredHistory.SharedArrays(site).Select(a => new { id = a.Id, name = a.Name, peak_kw = a.PeakKw, tilt_deg = a.TiltDegrees, azimuth_deg = a.AzimuthDegrees }),
            keys = ScenarioSpec.KeyNames,
            time_zone = site.Site.TimeZone, // the page's dates are the site's local days
        }, Json));

        app.MapGet("/api/scenarios/{id}/result", async (string id, HttpRequest request, Viewer viewer, ScenarioServices s, CancellationToken ct) =>
        {
            var (saved, query, outcome, error) = await RunAsync(id, request, s, ct);
            if (error is not null) return error;
            var rows = Visible(ScenarioComparison.Compare(outcome!, query!.Resolution), viewer, s);
            return Results.Ok(new
            {
                site = s.Plan.SiteId,
                scenario = saved,
                from = AutonomyQuery.Format(query.FromUtc),
                to = AutonomyQuery.Format(query.ToUtc),
                resolution = query.Resolution.ToString().ToLowerInvariant(),
                performance_ratio = outcome!.Scenario.PerformanceRatio,
                batteries = outcome.Scenario.Batteries.Where(b => MaySee(viewer, b.Battery.Household, s)).Select(b => new
                {
                    name = b.Battery.Name, household = b.Battery.Household, charged_kwh = b.ChargedKwh, discharged_kwh = b.DischargedKwh,
                    equivalent_full_cycles = b.EquivalentFullCycles,
                }),
                neighbourhood = rows.Where(r => r.Household is null).Select(ScenarioJson.Row),
                households = rows.Where(r => r.Household is not null).GroupBy(r => r.Household)
                    .Select(g => new { household = g.Key, periods = g.Select(ScenarioJson.Row) }),
            });
        });

        app.MapGet("/api/scenarios/{id}/result.csv", async (string id, HttpRequest request, Viewer viewer, ScenarioServices s, CancellationToken ct) =>
        {
            var (_, query, outcome, error) = await RunAsync(id, request, s, ct);
            if (error is not null) return error;
            return Results.Text(ScenarioJson.Csv(Visible(ScenarioComparison.Compare(outcome!, query!.Resolution), viewer, s)), "text/csv; charset=utf-8");
        });
    }

    private static async Task<(SavedScenario?, ScenarioQuery?, ScenarioOutcome?, IResult?)> RunAsync(string id, HttpRequest request, ScenarioServices s, CancellationToken ct)
    {
        if (s.Book.Find(id) is not { } saved)
            return (null, null, null, Results.Json(new { error = $"no saved scenario '{id}' (GET /api/scenarios lists them)" }, statusCode: StatusCodes.Status404NotFound));
        var (query, error) = ScenarioQuery.Parse(request.Query, s.Plan, s.Clock.GetUtcNow().UtcDateTime);
        if (error is not null) return (null, null, null, ApiErrors.BadRequest(error));
        var (changes, problems) = saved.Spec.ToChanges(s.Site, s.Plan);
        // A scenario saved before the site file changed (an array renamed, a household gone) no longer applies.
        if (changes is null) return (null, null, null, Refused(problems, $"scenario '{id}' no longer fits the site: ", $"le scénario « {id} » ne convient plus au site : "));
        var history = await StoredHistory.LoadAsync(s.Store, s.Plan, s.Site, query!.FromUtc, query.ToUtc, ct);
        return (saved, query, ScenarioEngine.Run(history, changes), null);
    }

    private static List<ScenarioComparisonRow> Visible(IEnumerable<ScenarioComparisonRow> rows, Viewer viewer, ScenarioServices s) =>
        rows.Where(r => MaySee(viewer, r.Household, s)).ToList();

    private static bool MaySee(Viewer viewer, string? household, ScenarioServices s) => household is null
        ? viewer.Kind == ViewerKind.Operator || PrivacyPolicy.MayShowAggregate(s.Plan.Households.Count)
        : s.Policy.MaySeeResolution(viewer, household, "day");

    /// <summary>A 400 naming each problem: <c>error</c> and <c>problems</c> in English (as before), <c>why</c> in both languages for the page.</summary>
    private static IResult Refused(IReadOnlyList<ScenarioProblem> problems, string en, string fr)
    {
        var english = en + string.Join(" ", problems.Select(p => p.En));
        return Results.Json(new
        {
            error = english,
            problems = problems.Select(p => p.En).ToArray(),
            why = new { en = english, fr = fr + string.Join(" ", problems.Select(p => p.Fr)) },
        }, statusCode: StatusCodes.Status400BadRequest);
    }
}

/// <summary>What the scenario endpoints need, in one parameter.</summary>
public sealed record ScenarioServices(SiteModel Site, SitePlan Plan, IAutonomyStore Store, ScenarioBook Book, PrivacyPolicy Policy, TimeProvider Clock);
