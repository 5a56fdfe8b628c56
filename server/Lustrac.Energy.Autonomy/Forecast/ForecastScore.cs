namespace Lustrac.Energy.Autonomy.Forecast;

/// <summary>A kept forecast interval beside what the meters measured (null: unknown).</summary>
public readonly record struct ScoredInterval(DateTime StartUtc, double ForecastProduction, double ForecastConsumption, double? ActualProduction, double? ActualConsumption);

/// <summary>
/// How good one day's kept forecast was, over the intervals where both the forecast and the measure exist:
/// mean absolute error per interval (kWh) of production and of consumption, and the absolute error of the day's totals
/// (|Σ forecast − Σ actual|) of each. Intervals where a measure is unknown are left out of that quantity's figures
/// and counted in <see cref="Intervals"/> only when both are known.
/// </summary>
public sealed record DayScore(DateOnly Date, int Intervals, double? ProductionMaeKwh, double? ConsumptionMaeKwh,
    double ForecastProductionKwh, double ActualProductionKwh, double? ProductionDayErrorKwh,
    double ForecastConsumptionKwh, double ActualConsumptionKwh, double? ConsumptionDayErrorKwh)
{
    public static DayScore Of(DateOnly date, IReadOnlyList<ScoredInterval> intervals)
    {
        var p = intervals.Where(i => i.ActualProduction.HasValue).ToArray();
        var c = intervals.Where(i => i.ActualConsumption.HasValue).ToArray();
        double fp = p.Sum(i => i.ForecastProduction), ap = p.Sum(i => i.ActualProduction!.Value);
        double fc = c.Sum(i => i.ForecastConsumption), ac = c.Sum(i => i.ActualConsumption!.Value);
        return new DayScore(date, intervals.Count(i => i.ActualProduction.HasValue && i.ActualConsumption.HasValue),
            p.Length == 0 ? null : p.Average(i => Math.Abs(i.ForecastProduction - i.ActualProduction!.Value)),
            c.Length == 0 ? null : c.Average(i => Math.Abs(i.ForecastConsumption - i.ActualConsumption!.Value)),
            fp, ap, p.Length == 0 ? null : Math.Abs(fp - ap), fc, ac, c.Length == 0 ? null : Math.Abs(fc - ac));
    }
}
