using Lustrac.Energy.Autonomy.Forecast;
using static Lustrac.Energy.Autonomy.Tests.Forecast.ForecastFixtures;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Forecast;

public sealed class CloudCoverGoldenTests
{
    // An Open-Meteo style answer written by hand: times are local (UTC+1 in December), 50 % cloud at 12:00 local, unknown at 13:00.
    private const string File = """
        { "latitude": 44.4, "longitude": 0.85, "utc_offset_seconds": 3600, "timezone": "Europe/Paris",
          "hourly_units": { "time": "iso8601", "cloud_cover": "%" },
          "hourly": { "time": ["2026-12-03T12:00", "2026-12-03T13:00"], "cloud_cover": [50, null] } }
        """;

    [Fact]
    public void A_cloudy_hour_lowers_its_intervals_by_the_Kasten_Czeplak_factor_from_the_clearest_recent_day()
    {
        // 10 kWp, hand sky 0.2 kWh/kWp per quarter from 11:00 to 13:00 UTC: 2 kWh clear per interval, 16 per day.
        var array = new ForecastArray("pv", null, 10, Sky(11, 13));
        // 1 Dec: 1.8 per interval (ratio 0.9); 30 Nov: 1.2 (ratio 0.6). Ratio = (14.4 + 9.6) / 32 = 0.75; clearest day 0.9; σ = 0.15.
        IntervalEnergy[] history = [.. Run(Utc(2026, 12, 1, 11), 8, 1.8), .. Run(Utc(2026, 11, 30, 11), 8, 1.2)];
        var clouds = CloudCover.Parse(File, KastenCzeplak);
        var result = DayAheadForecast.Compute(Request(Utc(2026, 12, 2, 20), [array], history, clouds: clouds));

        // 11:00 UTC interval: midpoint 11:07:30, nearest hour 11:00 UTC = 12:00 local → 50 % cloud.
        // Factor 1 − 0.75 × 0.5^3.4 = 1 − 0.75 × 0.094732 = 0.928951; production 2 × 0.9 × 0.928951 = 1.672112 kWh.
        var cloudy = result.Neighbourhood.Intervals.Single(i => i.StartUtc == Utc(2026, 12, 3, 11));
        Near(1.672112, cloudy.Production, 1e-6);
        // Band: × (1 ∓ σ / ratio) = × (1 ∓ 0.2): 1.337690 … 2.006534
        Near(1.337690, cloudy.ProductionLow, 1e-6);
        Near(2.006534, cloudy.ProductionHigh, 1e-6);
        // 12:00 UTC: nearest hour 12:00 UTC = 13:00 local, unknown in the file → the plain ratio: 2 × 0.75 = 1.5.
        Near(1.5, result.Neighbourhood.Intervals.Single(i => i.StartUtc == Utc(2026, 12, 3, 12)).Production, 1e-9);
        // 11:30 UTC: midpoint 11:37:30 → nearest 12:00 UTC → unknown → 1.5 too.
        Near(1.5, result.Neighbourhood.Intervals.Single(i => i.StartUtc == Utc(2026, 12, 3, 11, 30)).Production, 1e-9);
        // Midpoints within half an hour of 11:00 UTC: the intervals of 10:30, 10:45, 11:00 and 11:15 UTC.
        Assert.Equal(4, result.CloudIntervals);
    }

    [Theory]
    [InlineData("{}", "no 'hourly' object")]
    [InlineData("""{"hourly":{"time":["2026-12-03T12:00"]}}""", "no 'hourly.cloud_cover' array")]
    [InlineData("""{"hourly":{"time":["2026-12-03T12:00"],"cloud_cover":[120]}}""", "hourly.cloud_cover[0] must be a percentage")]
    [InlineData("""{"hourly":{"time":["noon"],"cloud_cover":[10]}}""", "hourly.time[0] is not a time")]
    [InlineData("""{"hourly":{"time":["2026-12-03T12:00"],"cloud_cover":[10, 20]}}""", "has 1 entries but hourly.cloud_cover 2")]
    public void A_bad_file_is_refused_naming_the_field(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => CloudCover.Parse(json, KastenCzeplak, "clouds.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("clouds.json:", e.Message);
    }
}
