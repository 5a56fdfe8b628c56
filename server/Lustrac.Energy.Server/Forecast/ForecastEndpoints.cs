using System.Globalization;
using System.Text;
using Lustrac.Energy.Autonomy.Forecast;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.Server.Forecast;

/// <summary>
/// GET /api/forecast (rest of today and tomorrow by interval, the band, expected self-sufficiency, the good windows) and
/// GET /api/forecast/scores(.csv) (kept morning forecasts against what happened). A household named by the request passes
/// the privacy middleware first (its own token, or the operator with consent: a forecast is its load curve); the
/// neighbourhood's consumption is shown only over ≥ 5 households (or to the operator).
/// </summary>
public static class ForecastEndpoints
{
    public const int MaxScoreDays = 92;

    public static void MapForecast(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/forecast", async (HttpContext http, ForecastBoard board, SitePlan plan, Viewer viewer, string? household, CancellationToken ct) =>
        {
            var (scope, error) = HouseholdAccess.Resolve(http, plan, household);
            if (error is not null) return error;
            var forecast = await board.CurrentAsync(ct);
            var shown = scope!.Household is null ? forecast.Neighbourhood : forecast.Households.Single(h => h.Household == scope.Household);
            return Results.Ok(ForecastJson.Forecast(forecast, plan, shown, ShowConsumption(scope.Household, viewer, plan)));
        });

        app.MapGet("/api/forecast/scores", async (HttpContext http, ForecastScores scores, SitePlan plan, TimeProvider clock, string? household, string? from, string? to, CancellationToken ct) =>
        {
            var (scope, range, error) = Parse(http, plan, clock, household, from, to);
            if (error is not null) return error;
            var days = await scores.ScoreAsync(scope!.Household, range.From, range.To, ct);
            return Results.Ok(ForecastJson.Scores(days, plan, scope.Household, range.From, range.To));
        });

        app.MapGet("/api/forecast/scores.csv", async (HttpContext http, ForecastScores scores, SitePlan plan, TimeProvider clock, string? household, string? from, string? to, CancellationToken ct) =>
        {
            var (scope, range, error) = Parse(http, plan, clock, household, from, to);
            if (error is not null) return error;
            var days = await scores.ScoreAsync(scope!.Household, range.From, range.To, ct);
            return Results.Text(Csv(days), "text/csv; charset=utf-8");
        });
    }

    /// <summary>An aggregate of fewer than five homes gives one away (privacy rule 4); the operator diagnoses everything.</summary>
    private static bool ShowConsumption(string? household, Viewer viewer, SitePlan plan) =>
        household is not null || viewer.Kind == ViewerKind.Operator || PrivacyPolicy.MayShowAggregate(plan.Households.Count);

    private static (RequestedScope? Scope, (DateOnly From, DateOnly To) Range, IResult? Error) Parse(
        HttpContext http, SitePlan plan, TimeProvider clock, string? household, string? from, string? to)
    {
        var (scope, error) = HouseholdAccess.Resolve(http, plan, household);
        if (error is not null) return (null, default, error);
        var today = LocalDay.Of(clock.GetUtcNow().UtcDateTime, plan.Zone);
        if (!TryDate(from, today.AddDays(-7), out var f)) return (null, default, ApiErrors.BadRequest($"from: '{from}' is not a date like 2026-12-01"));
        if (!TryDate(to, today, out var t)) return (null, default, ApiErrors.BadRequest($"to: '{to}' is not a date like 2026-12-08"));
        if (t <= f) return (null, default, ApiErrors.BadRequest($"from ({f:yyyy-MM-dd}) must be before to ({t:yyyy-MM-dd}); to is excluded"));
        if (t.DayNumber - f.DayNumber > MaxScoreDays) return (null, default, ApiErrors.BadRequest($"from–to spans at most {MaxScoreDays} days"));
        return (scope, (f, t), null);
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        return string.IsNullOrEmpty(text) || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static string Csv(IReadOnlyList<ScoredDay> days)
    {
        static string N(double? v) => v is double x ? x.ToString("0.######", CultureInfo.InvariantCulture) : "";
        var csv = new StringBuilder("date,intervals_scored,production_mae_kwh,consumption_mae_kwh,forecast_production_kwh,actual_production_kwh,production_day_error_kwh,forecast_consumption_kwh,actual_consumption_kwh,consumption_day_error_kwh\n");
        foreach (var d in days.Select(d => d.Score))
            csv.Append(CultureInfo.InvariantCulture, $"{d.Date:yyyy-MM-dd},{d.Intervals},{N(d.ProductionMaeKwh)},{N(d.ConsumptionMaeKwh)},{N(d.ForecastProductionKwh)},{N(d.ActualProductionKwh)},{N(d.ProductionDayErrorKwh)},{N(d.ForecastConsumptionKwh)},{N(d.ActualConsumptionKwh)},{N(d.ConsumptionDayErrorKwh)}\n");
        return csv.ToString();
    }
}
