using Lustrac.Energy.Autonomy.Forecast;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Forecast;

/// <summary>A scored day and its intervals (kept forecast beside the measure) for the working group's chart.</summary>
public sealed record ScoredDay(DayScore Score, IReadOnlyList<KeptForecastRow> Kept, IReadOnlyList<ScoredInterval> Intervals);

/// <summary>
/// Scores kept forecasts against the stored <c>energy_interval</c> rows of the same scope: production is the scope's
/// (the neighbourhood's every array; a household's own plus its allocated share), consumption its consumption. Only days
/// the engine has closed (their last interval stored) are scored; a day without a kept forecast is not listed.
/// </summary>
public sealed class ForecastScores(KeptForecasts kept, IAutonomyStore results, SitePlan plan)
{
    public async Task<IReadOnlyList<ScoredDay>> ScoreAsync(string? household, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var latest = await results.LatestIntervalAsync(ct).ConfigureAwait(false);
        var days = new List<ScoredDay>();
        if (latest is null) return days;
        var closedUntil = latest.Value + plan.IntervalLength;
        for (var d = from; d < to; d = d.AddDays(1))
        {
            DateTime start = LocalCalendar.StartUtc(d, plan.Zone), end = LocalCalendar.StartUtc(d.AddDays(1), plan.Zone);
            if (end > closedUntil) break;
            var forecast = await kept.ReadAsync(household, start, end, ct).ConfigureAwait(false);
            if (forecast.Count == 0) continue;
            var actual = (await results.ReadEnergyAsync(household, start, end, ct).ConfigureAwait(false))
                .Where(r => r.IsDefined).ToDictionary(r => r.StartUtc);
            var intervals = forecast.Select(f => actual.TryGetValue(f.StartUtc, out var a)
                ? new ScoredInterval(f.StartUtc, f.ProductionKwh, f.ConsumptionKwh, a.Parts.Production, a.Parts.Consumption)
                : new ScoredInterval(f.StartUtc, f.ProductionKwh, f.ConsumptionKwh, null, null)).ToArray();
            days.Add(new ScoredDay(DayScore.Of(d, intervals), forecast, intervals));
        }
        return days;
    }
}
