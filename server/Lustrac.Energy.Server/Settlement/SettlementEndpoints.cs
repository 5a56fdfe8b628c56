using Lustrac.Energy.Autonomy.Settlement;
using Lustrac.Energy.Autonomy.Settlement.Reconciliation;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.Server.Settlement;

/// <summary>
/// /api/settlement (a household's monthly statement), /api/settlement/statement.csv, /api/settlement/keys.csv (the key
/// file, operator only) and POST /api/settlement/reconcile (operator only). The household parameter is checked by
/// <see cref="PrivacyMiddleware"/>: a statement is month figures with daily lines, so the operator asks with
/// <c>resolution=month</c> for a household that did not consent to fine data.
/// </summary>
public static class SettlementEndpoints
{
    public static void MapSettlementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/settlement", async (SiteModel site, SitePlan plan, IAutonomyStore store, string? household, string? month, string? resolution, CancellationToken ct) =>
        {
            var (ctx, error) = await StatementAsync(site, plan, store, household, month, resolution, ct);
            return error ?? Results.Ok(SettlementJson.Statement(plan.SiteId, ctx!.Setup, ctx.Month, ctx.Statement, ctx.Steps));
        });

        app.MapGet("/api/settlement/statement.csv", async (SiteModel site, SitePlan plan, IAutonomyStore store, string? household, string? month, string? resolution, CancellationToken ct) =>
        {
            var (ctx, error) = await StatementAsync(site, plan, store, household, month, resolution, ct);
            return error ?? Results.File(StatementCsv.Bytes(ctx!.Statement), "text/csv; charset=utf-8", $"releve-{ctx.Statement.Household}-{ctx.Month.Text}.csv");
        });

        app.MapGet("/api/settlement/keys.csv", async (SiteModel site, SitePlan plan, IAutonomyStore store, string? month, CancellationToken ct) =>
        {
            var (setup, problem) = SettlementSetup.Of(site, plan);
            if (setup is null) return ApiErrors.BadRequest(problem!);
            var (m, error) = SettlementMonth.Parse(month, plan.Zone);
            if (error is not null) return error;
            var steps = await SettlementInputs.SettleAsync(store, setup, m!.FromUtc, m.ToUtc, ct);
            return Results.File(KeyFile.Bytes(steps, setup.Participants, plan.Zone), "text/csv; charset=utf-8", $"cle-repartition-{plan.SiteId}-{m.Text}.csv");
        }).WithMetadata(new OperatorOnlyAttribute());

        app.MapPost("/api/settlement/reconcile", async (HttpRequest request, SiteModel site, SitePlan plan, IAutonomyStore store, PrivacyPolicy policy, CancellationToken ct) =>
        {
            var (setup, problem) = SettlementSetup.Of(site, plan);
            if (setup is null) return ApiErrors.BadRequest(problem!);
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            try
            {
                var records = OperatorFileReader.Read(text, plan.Zone);
                var months = await OperatorMonths.SettleAsync(store, setup, records, ct);
                return Results.Ok(new { site = plan.SiteId, step_minutes = setup.Grid.StepMinutes, months = months.Select(m => SettlementJson.Reconciliation(m, policy.ConsentsToFineData(m.Household))) });
            }
            catch (OperatorFileException e) { return ApiErrors.BadRequest("operator file: " + e.Message); }
        }).WithMetadata(new OperatorOnlyAttribute()).Accepts<string>("text/csv");
    }

    private sealed record StatementContext(SettlementSetup Setup, SettlementMonth Month, MonthlyStatement Statement, IReadOnlyList<SettlementStep> Steps);

    private static async Task<(StatementContext?, IResult?)> StatementAsync(SiteModel site, SitePlan plan, IAutonomyStore store,
        string? household, string? month, string? resolution, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(resolution) && resolution != "month")
            return (null, ApiErrors.BadRequest($"a statement is monthly: resolution may only be 'month', not '{resolution}'"));
        if (string.IsNullOrEmpty(household)) return (null, ApiErrors.BadRequest("household is required: a statement is one household's"));
        int index = plan.Households.ToList().FindIndex(h => h.Id == household);
        if (index < 0) return (null, ApiErrors.BadRequest($"unknown household '{household}'; known households: {string.Join(", ", plan.Households.Select(h => h.Id))}"));
        var (setup, problem) = SettlementSetup.Of(site, plan);
        if (setup is null) return (null, ApiErrors.BadRequest(problem!));
        var (m, error) = SettlementMonth.Parse(month, plan.Zone);
        if (error is not null) return (null, error);
        var steps = await SettlementInputs.SettleAsync(store, setup, m!.FromUtc, m.ToUtc, ct);
        var statement = MonthlyStatement.Of(household, index, m.Year, m.Month, steps, setup.Grid, plan.Zone, setup.Prices);
        return (new StatementContext(setup, m, statement, steps), null);
    }
}
