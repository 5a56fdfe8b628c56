namespace Lustrac.Energy.Autonomy.Forecast;

/// <summary>
/// How much of the clear-sky energy a group of arrays actually delivered over the recent days. <see cref="Ratio"/> is
/// Σ measured ÷ Σ clear-sky over every measured daylight interval of those days (an energy-weighted ratio: never a mean
/// of ratios); <see cref="Spread"/> is the standard deviation (population, ± 1 σ) of the days' own ratios, the band's
/// half-width; <see cref="Clearest"/> the highest day's ratio, taken as the arrays' losses under a clear sky when a cloud
/// forecast is given. <see cref="Days"/> = 0: nothing measured yet, the defaults of <see cref="ForecastOptions"/> stand.
/// </summary>
public sealed record PerformanceRatio(double Ratio, double Spread, double Clearest, int Days, IReadOnlyList<DayRatio> DailyRatios)
{
    public bool IsDefault => Days == 0;
    public double Low => Math.Max(0, Ratio - Spread);
    public double High => Ratio + Spread;

    /// <summary>
    /// The ratio of one production group from its measured intervals. Days: the <see cref="ForecastOptions.RatioDays"/>
    /// local days before the local day of <paramref name="nowUtc"/>. Daylight: the arrays' clear-sky energy in the
    /// interval is above 0. Intervals that are unknown (null) are left out of both sums.
    /// </summary>
    public static PerformanceRatio Measure(IReadOnlyList<IntervalEnergy> measured, IReadOnlyList<ForecastArray> arrays,
        DateTime nowUtc, TimeZoneInfo zone, TimeSpan interval, ForecastOptions options)
    {
        var today = LocalDay.Of(nowUtc, zone);
        var first = today.AddDays(-options.RatioDays);
        var sums = new SortedDictionary<DateOnly, (double Measured, double ClearSky)>();
        foreach (var e in measured)
        {
            if (e.Kwh is not double kwh) continue;
            var day = LocalDay.Of(e.StartUtc, zone);
            if (day < first || day >= today) continue;
            double clear = ClearSky(arrays, e.StartUtc, interval);
            if (clear <= 0) continue;
            var s = sums.GetValueOrDefault(day);
            sums[day] = (s.Measured + kwh, s.ClearSky + clear);
        }
        if (sums.Count == 0) return new(options.DefaultRatio, options.DefaultSpread, options.DefaultRatio, 0, []);
        var days = sums.Select(s => new DayRatio(s.Key, s.Value.Measured / s.Value.ClearSky)).ToArray();
        double ratio = sums.Values.Sum(s => s.Measured) / sums.Values.Sum(s => s.ClearSky);
        double mean = days.Average(d => d.Ratio);
        double spread = Math.Sqrt(days.Average(d => (d.Ratio - mean) * (d.Ratio - mean)));
        return new(ratio, spread, days.Max(d => d.Ratio), days.Length, days);
    }

    /// <summary>Clear-sky kWh of the arrays over one interval: Σ kWp × clear-sky kWh per kWp.</summary>
    public static double ClearSky(IReadOnlyList<ForecastArray> arrays, DateTime startUtc, TimeSpan interval)
    {
        double sum = 0;
        foreach (var a in arrays) sum += a.PeakKw * a.ClearSkyKwhPerKwp(startUtc, interval);
        return sum;
    }
}

/// <summary>One local day's measured ÷ clear-sky production.</summary>
public sealed record DayRatio(DateOnly Date, double Ratio);

/// <summary>Local calendar dates of UTC instants.</summary>
public static class LocalDay
{
    public static DateOnly Of(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>Local wall-clock time of day, the key of a consumption profile slot (DST days keep their clock times).</summary>
    public static TimeOnly TimeOf(DateTime utc, TimeZoneInfo zone) =>
        TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
}
