using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Autonomy.Export;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary>
/// <c>/api/compost</c>: every pile's sanitisation status now, a pile's temperature register as CSV, and its turnings
/// (<see cref="TurningEndpoints"/>). Computed from probe readings and recorded turnings, not from stored rows.
/// </summary>
public static class CompostEndpoints
{
    /// <summary>A pile's routes; <c>GET /api/compost</c> itself is mapped on the parent group (<see cref="AutonomyEndpoints"/>).</summary>
    public static void MapCompostEndpoints(this RouteGroupBuilder compost)
    {
        compost.MapGet("/{pile}/register.csv", GetRegister).Produces<string>(StatusCodes.Status200OK, AutonomyCsv.MediaType);
        compost.MapPost("/{pile}/turnings", TurningEndpoints.RecordTurning);
        compost.MapGet("/{pile}/turnings", TurningEndpoints.GetTurnings);
    }

    public static async Task<Ok<CompostResponse>> GetCompost(SitePlan plan, IReadingStore readings, ITurningStore turnings, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var piles = new List<PileJson>();
        foreach (var pile in plan.Piles)
        {
            var a = await AutonomyFigures.AssessAsync(readings, turnings, pile, now - pile.Rule.Duration - TimeSpan.FromDays(1), now, ct);
            var last = a.Register.Count > 0 ? a.Register[^1] : null;
            piles.Add(new PileJson(pile.Id, pile.Rule.Id, pile.Rule.Source, pile.Rule.ThresholdC, pile.Rule.Duration.TotalHours,
                pile.Rule.MinTurnings, WireNames.Of(a.Status), CompostProgress.Of(a), CompostProgress.HotTime(a),
                a.CurrentRun?.Duration.TotalHours, a.CurrentRun?.Turnings,
                a.AchievedAtUtc is DateTime t ? AutonomyQuery.Format(t) : null,
                last?.CoolestC, last?.CoolestProbeId, last?.ProbesReporting ?? 0, pile.Probes.Length,
                last is null ? null : AutonomyQuery.Format(last.TimeUtc)));
        }
        return TypedResults.Ok(new CompostResponse(plan.SiteId, AutonomyQuery.Format(now), piles));
    }

    public static async Task<Results<ContentHttpResult, NotFound<ApiError>, BadRequest<ApiError>>> GetRegister(
        HttpContext http, string pile, SitePlan plan, IReadingStore readings, ITurningStore turnings, TimeProvider clock, CancellationToken ct)
    {
        var compost = plan.Piles.FirstOrDefault(p => p.Id == pile);
        if (compost is null) return UnknownPile(plan, pile);
        var (query, error) = AutonomyQuery.Parse(http.Request, plan, clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(400));
        if (error is not null) return error;
        var a = await AutonomyFigures.AssessAsync(readings, turnings, compost, query!.FromUtc, query.ToUtc, ct);
        return TypedResults.Text(CsvRegisters.CompostTemperatures(a.Register), AutonomyCsv.ContentType);
    }

    public static NotFound<ApiError> UnknownPile(SitePlan plan, string pile) =>
        ApiErrors.NotFound($"unknown compost pile '{pile}'; known piles: {string.Join(", ", plan.Piles.Select(p => p.Id))}");
}
