using Lustrac.Energy.Autonomy.Forecast;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Forecast;

/// <summary>How the forecast and its scores look on the wire (snake_case, kWh, UTC instants, local clock labels).</summary>
public static class ForecastJson
{
    public const string BandRule = "ratio ± 1 standard deviation of the recent days' own ratios (measured ÷ clear-sky)";

    public static object Forecast(ForecastResult f, SitePlan plan, ScopeForecast scope, bool showConsumption)
    {
        var windows = scope.Household is null ? f.Windows : GoodWindows.Find(scope.Intervals, plan.IntervalLength, plan.Zone, ForecastOptions.Default);
        var today = LocalDay.Of(f.IssuedUtc, plan.Zone);
        double? Cons(double v) => showConsumption ? v : null;
        return new
        {
            site = plan.SiteId,
            scope = scope.Household is null ? AutonomyScope.Neighbourhood : AutonomyScope.Household,
            household = scope.Household,
            issued_at = AutonomyQuery.Format(f.IssuedUtc),
            from = AutonomyQuery.Format(f.FromUtc),
            to = AutonomyQuery.Format(f.ToUtc),
            interval_minutes = f.IntervalMinutes,
            time_zone = plan.Zone.Id, // the page writes the intervals' times in the site's zone
            ratios = f.Ratios.ToDictionary(r => r.Key.Length == 0 ? "shared" : r.Key, r => new
            {
                ratio = r.Value.Ratio, low = r.Value.Low, high = r.Value.High, spread = r.Value.Spread, clearest = r.Value.Clearest,
                days = r.Value.Days, basis = r.Value.IsDefault ? "default" : "measured", band = BandRule,
            }),
            cloud_intervals = f.CloudIntervals,
            next_window = Window(GoodWindows.Next(windows, f.IssuedUtc), today),
            windows = windows.Select(w => Window(w, today)),
            days = scope.Days.Select(d => new
            {
                date = d.Date.ToString("yyyy-MM-dd"), day = d.Date == today ? "today" : "tomorrow",
                from = AutonomyQuery.Format(d.FromUtc), to = AutonomyQuery.Format(d.ToUtc),
                production_kwh = d.Production, production_low_kwh = d.ProductionLow, production_high_kwh = d.ProductionHigh,
                consumption_kwh = Cons(d.Consumption), self_sufficiency = showConsumption ? d.SelfSufficiency : null,
            }),
            intervals = scope.Intervals.Select(i => new
            {
                start = AutonomyQuery.Format(i.StartUtc), production_kwh = i.Production, production_low_kwh = i.ProductionLow,
                production_high_kwh = i.ProductionHigh, consumption_kwh = Cons(i.Consumption), self_sufficiency = showConsumption ? i.SelfSufficiency : null,
            }),
            arrays = f.Arrays.Where(a => a.Household is null || a.Household == scope.Household)
                .Select(a => new { id = a.Id, household = a.Household, peak_kw = a.PeakKw, production_kwh = a.Kwh.Sum() }),
        };
    }

    private static object? Window(GoodWindow? w, DateOnly today) => w is null ? null : new
    {
        start = AutonomyQuery.Format(w.StartUtc), end = AutonomyQuery.Format(w.EndUtc), label = w.Label,
        date = w.LocalDate.ToString("yyyy-MM-dd"), day = w.LocalDate == today ? "today" : "tomorrow",
    };

    public static object Scores(IReadOnlyList<ScoredDay> days, SitePlan plan, string? household, DateOnly from, DateOnly to)
    {
        var all = days.SelectMany(d => d.Intervals).ToArray();
        var p = all.Where(i => i.ActualProduction.HasValue).ToArray();
        var c = all.Where(i => i.ActualConsumption.HasValue).ToArray();
        double? Mean(IEnumerable<double?> xs) => xs.Where(x => x.HasValue).Select(x => x!.Value).DefaultIfEmpty(double.NaN).Average() is var m && double.IsNaN(m) ? null : m;
        return new
        {
            site = plan.SiteId,
            scope = household is null ? AutonomyScope.Neighbourhood : AutonomyScope.Household,
            household,
            from = from.ToString("yyyy-MM-dd"),
            to = to.ToString("yyyy-MM-dd"),
            total = new
            {
                days = days.Count,
                production_mae_kwh = p.Length == 0 ? (double?)null : p.Average(i => Math.Abs(i.ForecastProduction - i.ActualProduction!.Value)),
                consumption_mae_kwh = c.Length == 0 ? (double?)null : c.Average(i => Math.Abs(i.ForecastConsumption - i.ActualConsumption!.Value)),
                production_day_mae_kwh = Mean(days.Select(d => d.Score.ProductionDayErrorKwh)),
                consumption_day_mae_kwh = Mean(days.Select(d => d.Score.ConsumptionDayErrorKwh)),
            },
            days = days.Select(d => new
            {
                date = d.Score.Date.ToString("yyyy-MM-dd"),
                issued_at = d.Kept.Count > 0 ? AutonomyQuery.Format(d.Kept[0].IssuedUtc) : null,
                intervals_scored = d.Score.Intervals,
                production_mae_kwh = d.Score.ProductionMaeKwh, consumption_mae_kwh = d.Score.ConsumptionMaeKwh,
                forecast_production_kwh = d.Score.ForecastProductionKwh, actual_production_kwh = d.Score.ActualProductionKwh,
                production_day_error_kwh = d.Score.ProductionDayErrorKwh,
                forecast_consumption_kwh = d.Score.ForecastConsumptionKwh, actual_consumption_kwh = d.Score.ActualConsumptionKwh,
                consumption_day_error_kwh = d.Score.ConsumptionDayErrorKwh,
                intervals = d.Kept.Zip(d.Intervals, (k, i) => new
                {
                    start = AutonomyQuery.Format(k.StartUtc), forecast_production_kwh = k.ProductionKwh, production_low_kwh = k.ProductionLowKwh,
                    production_high_kwh = k.ProductionHighKwh, actual_production_kwh = i.ActualProduction,
                    forecast_consumption_kwh = k.ConsumptionKwh, actual_consumption_kwh = i.ActualConsumption,
                }),
            }),
        };
    }
}
