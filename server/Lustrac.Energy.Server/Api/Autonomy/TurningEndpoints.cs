using Lustrac.Energy.Server.Api;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary>
/// <c>POST /api/compost/{pile}/turnings</c> (operator token: a turning can make a pile count as sanitised, so it is a
/// record only the compost operator writes) and <c>GET /api/compost/{pile}/turnings</c> (shared asset: anyone reads).
/// A stored turning queues the recomputation of the closed intervals whose compost status looks back over it.
/// </summary>
public static class TurningEndpoints
{
    /// <summary>A turning is one small JSON object; anything bigger is a mistake, refused before it is parsed.</summary>
    private const int MaxBodyBytes = 4096;

    [OperatorOnly] // a turning can make a pile count as sanitised: only the compost operator records one
    public static async Task<Results<Created<TurningJson>, NotFound<ApiError>, BadRequest<ApiError>, JsonHttpResult<ApiError>>> RecordTurning(
        HttpContext http, string pile, SitePlan plan, ITurningStore store, LateDataQueue lateData, TimeProvider clock, Viewer viewer, CancellationToken ct)
    {
        if (plan.Piles.All(p => p.Id != pile)) return CompostEndpoints.UnknownPile(plan, pile);
        var (text, bodyError, status) = await ReadTimeAsync(http.Request, ct);
        if (bodyError is not null) return TypedResults.Json(new ApiError(bodyError), statusCode: status);
        var now = clock.GetUtcNow().UtcDateTime;
        var (time, timeError) = CompostTurning.ParseTime(text, now);
        if (timeError is not null) return ApiErrors.BadRequest(timeError);

        var turning = new CompostTurning(pile, time!.Value, CompostTurning.ToStoredPrecision(now), RecordedBy(viewer));
        await store.RecordTurningAsync(turning, ct);
        lateData.TurningRecorded(pile, turning.TimeUtc, FigureComputation.CompostWindow(plan));
        return TypedResults.Created($"/api/compost/{Uri.EscapeDataString(pile)}/turnings", TurningJson.Of(turning));
    }

    public static async Task<Results<Ok<TurningsResponse>, NotFound<ApiError>, BadRequest<ApiError>>> GetTurnings(
        HttpContext http, string pile, SitePlan plan, ITurningStore store, TimeProvider clock, CancellationToken ct)
    {
        var compost = plan.Piles.FirstOrDefault(p => p.Id == pile);
        if (compost is null) return CompostEndpoints.UnknownPile(plan, pile);
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime from, to;
        if (http.Request.Query.ContainsKey("from") || http.Request.Query.ContainsKey("to"))
        {
            var (query, error) = AutonomyQuery.Parse(http.Request, plan, now, TimeSpan.FromDays(400));
            if (error is not null) return error;
            (from, to) = (query!.FromUtc, query.ToUtc);
        }
        else
        {
            // By default, the turnings the pile's status is judged on now (plus any stamped a little ahead).
            (from, to) = (now - compost.Rule.Duration - TimeSpan.FromDays(1), now + Ingest.MessageValidator.MaxFutureSkew);
        }
        var turnings = await store.ReadTurningsAsync(pile, from, to, ct);
        return TypedResults.Ok(new TurningsResponse(pile, compost.Rule.Id, compost.Rule.MinTurnings,
            AutonomyQuery.Format(from), AutonomyQuery.Format(to), turnings.Select(TurningJson.Of)));
    }

    private static string RecordedBy(Viewer viewer) => viewer.Kind switch
    {
        ViewerKind.Operator => HouseholdTokenStore.Operator,
        ViewerKind.Household => viewer.Household ?? "household",
        _ => "public",
    };

    /// <summary>The body's <c>time</c> (null when absent: the caller says it is required), or why the body is refused.</summary>
    private static async Task<(string? Time, string? Error, int Status)> ReadTimeAsync(HttpRequest request, CancellationToken ct)
    {
        const string Expected = "send a JSON object such as {\"time\": \"2026-06-11T09:30:00+02:00\"}";
        var buffer = new byte[MaxBodyBytes + 1];
        int length = 0, read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0) length += read;
        if (length > MaxBodyBytes) return (null, $"body larger than {MaxBodyBytes} bytes; {Expected}", StatusCodes.Status413PayloadTooLarge);
        try
        {
            using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
            if (json.RootElement.ValueKind != JsonValueKind.Object) return (null, $"the body is not a JSON object; {Expected}", StatusCodes.Status400BadRequest);
            if (!json.RootElement.TryGetProperty("time", out var time)) return (null, null, 0);
            if (time.ValueKind != JsonValueKind.String) return (null, $"'time' must be a string; {Expected}", StatusCodes.Status400BadRequest);
            return (time.GetString(), null, 0);
        }
        catch (JsonException)
        {
            return (null, $"the body is not valid JSON; {Expected}", StatusCodes.Status400BadRequest);
        }
    }
}
