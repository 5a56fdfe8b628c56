using Lustrac.Energy.Autonomy.Forecast;
using static Lustrac.Energy.Autonomy.Tests.Forecast.ForecastFixtures;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Forecast;

public sealed class PerformanceRatioGoldenTests
{
    // One shared array of 10 kWp; the hand sky gives 0.2 kWh/kWp per quarter-hour from 11:00 to 12:00 UTC: 2 kWh clear-sky
    // per interval, 8 kWh per day. "Now" is Wednesday 10 June 2026, 08:00 UTC.
    private static readonly ForecastArray Array10 = new("pv", null, 10, Sky(11, 12));
    private static readonly DateTime Now = Utc(2026, 6, 10, 8);

    private static IntervalEnergy[] History() =>
    [
        .. Run(Utc(2026, 6, 9, 11), 4, 1.6),    // 9 June: 4 × 1.6 = 6.4 of 8 → 0.8
        .. Run(Utc(2026, 6, 8, 11), 3, 1.2),    // 8 June: 3 × 1.2 = 3.6 of 3 × 2 = 6 → 0.6 (the 4th interval unknown)
        new(Utc(2026, 6, 8, 11, 45), null),
        new(Utc(2026, 6, 8, 2), 0.1),           // night: no clear-sky energy, left out of both sums
        .. Run(Utc(2026, 6, 7, 11), 4, 2.0),    // 7 June: 8 of 8 → 1.0
        .. Run(Utc(2026, 5, 30, 11), 4, 0.4),   // 30 May: 11 days back, beyond the 7 days read
    ];

    [Fact]
    public void The_ratio_is_measured_over_clear_sky_energy_of_the_recent_days_and_its_band_is_one_sigma_of_the_daily_ratios()
    {
        var ratio = PerformanceRatio.Measure(History(), [Array10], Now, Paris, Quarter, ForecastOptions.Default);

        // Σ measured / Σ clear-sky = (6.4 + 3.6 + 8.0) / (8 + 6 + 8) = 18 / 22 = 0.818181…
        Near(18.0 / 22, ratio.Ratio, 1e-12);
        Assert.Equal(3, ratio.Days);
        // Daily ratios 0.8, 0.6, 1.0: mean 0.8; σ = √((0² + 0.2² + 0.2²) / 3) = √0.026667 = 0.163299
        Near(0.163299, ratio.Spread, 1e-6);
        Near(1.0, ratio.Clearest, 1e-12);
    }

    [Fact]
    public void Tomorrow_expects_clear_sky_times_kwp_times_the_ratio_with_the_band_from_its_spread()
    {
        var result = DayAheadForecast.Compute(Request(Now, [Array10], History()));

        // From the interval containing now (08:00 UTC) to the end of tomorrow local (12 June 00:00 Paris = 11 June 22:00 UTC).
        Assert.Equal(Now, result.FromUtc);
        Assert.Equal(Utc(2026, 6, 11, 22), result.ToUtc);
        var eleven = result.Neighbourhood.Intervals.Single(i => i.StartUtc == Utc(2026, 6, 11, 11));
        // 2 kWh clear × 0.818182 = 1.636364; band 2 × (0.818182 ∓ 0.163299) = 1.309766 … 1.962962
        Near(1.636364, eleven.Production, 1e-6);
        Near(1.309766, eleven.ProductionLow, 1e-6);
        Near(1.962962, eleven.ProductionHigh, 1e-6);
        // Tomorrow's four daylight intervals: 4 × 1.636364 = 6.545455 kWh.
        Near(6.545455, result.Neighbourhood.Days.Single(d => d.Date == new DateOnly(2026, 6, 11)).Production, 1e-6);
        Assert.Equal(0, result.Neighbourhood.Intervals.Single(i => i.StartUtc == Utc(2026, 6, 11, 13)).Production);
    }

    [Fact]
    public void With_nothing_measured_the_documented_default_ratio_stands_and_says_so()
    {
        var ratio = PerformanceRatio.Measure([], [Array10], Now, Paris, Quarter, ForecastOptions.Default);
        Assert.True(ratio.IsDefault);
        Assert.Equal(0.8, ratio.Ratio);
        Assert.Equal(0.2, ratio.Spread);
    }
}
