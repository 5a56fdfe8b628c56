namespace Lustrac.Energy.Autonomy.Forecast;

/// <summary>
/// One expected interval of a scope, kWh. Production is the scope's: the neighbourhood's every array; a household's own
/// arrays plus the share of the shared arrays the site's key would give it. The band is the production the low and high
/// edge of the ratio would give (ratio ± 1 σ of the recent daily ratios). SelfSufficiency: expected locally supplied ÷
/// consumption, null when no consumption is expected.
/// </summary>
public sealed record ForecastInterval(DateTime StartUtc, double Production, double ProductionLow, double ProductionHigh,
    double Consumption, double LocallySupplied)
{
    public double? SelfSufficiency => Consumption > 0 ? Math.Clamp(LocallySupplied / Consumption, 0, 1) : null;
}

/// <summary>The expected totals of one local day (only the intervals forecast: for today, the rest of the day).</summary>
public sealed record ForecastDay(DateOnly Date, DateTime FromUtc, DateTime ToUtc, double Production, double ProductionLow,
    double ProductionHigh, double Consumption, double LocallySupplied)
{
    /// <summary>Σ expected locally supplied ÷ Σ expected consumption: netted per interval, then summed (never a ratio of totals of power).</summary>
    public double? SelfSufficiency => Consumption > 0 ? Math.Clamp(LocallySupplied / Consumption, 0, 1) : null;

    public static IReadOnlyList<ForecastDay> Of(IReadOnlyList<ForecastInterval> intervals, TimeSpan length, TimeZoneInfo zone) =>
        [.. intervals.GroupBy(i => LocalDay.Of(i.StartUtc, zone)).Select(g => new ForecastDay(g.Key, g.First().StartUtc, g.Last().StartUtc + length,
            g.Sum(i => i.Production), g.Sum(i => i.ProductionLow), g.Sum(i => i.ProductionHigh), g.Sum(i => i.Consumption), g.Sum(i => i.LocallySupplied)))];
}

/// <summary>A scope's forecast: household null = the neighbourhood.</summary>
public sealed record ScopeForecast(string? Household, IReadOnlyList<ForecastInterval> Intervals, IReadOnlyList<ForecastDay> Days);

/// <summary>One array's expected production per interval (the forecast's intervals, in order), central and band.</summary>
public sealed record ArrayForecast(string Id, string? Household, double PeakKw, double[] Kwh, double[] LowKwh, double[] HighKwh);

/// <summary>
/// Everything forecast for [FromUtc, ToUtc): the rest of today from the interval containing "now", and tomorrow.
/// Ratios by production group (<see cref="ForecastRequest.SharedGroup"/> or a household id); the good windows of the
/// neighbourhood, and the next one not over yet.
/// </summary>
public sealed record ForecastResult(
    DateTime IssuedUtc, DateTime FromUtc, DateTime ToUtc, int IntervalMinutes,
    IReadOnlyDictionary<string, PerformanceRatio> Ratios,
    IReadOnlyList<ArrayForecast> Arrays,
    ScopeForecast Neighbourhood,
    IReadOnlyList<ScopeForecast> Households,
    IReadOnlyList<GoodWindow> Windows,
    int CloudIntervals)
{
    public GoodWindow? NextWindow => GoodWindows.Next(Windows, IssuedUtc);
}
