using Lustrac.Energy.Autonomy.Forecast;
using static Lustrac.Energy.Autonomy.Tests.Forecast.ForecastFixtures;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Forecast;

public sealed class CloudCoverDstTests
{
    // Written by hand: the night clocks go back in Europe/Paris (Sunday 25 October 2026, 03:00 CEST → 02:00 CET).
    // Local 02:00 is listed twice (CEST, then CET); utc_offset_seconds is the summer offset the file starts with.
    private const string File = """
        { "latitude": 44.4, "longitude": 0.85, "utc_offset_seconds": 7200, "timezone": "Europe/Paris",
          "hourly": { "time": ["2026-10-25T01:00", "2026-10-25T02:00", "2026-10-25T02:00", "2026-10-25T03:00", "2026-10-25T12:00"],
                      "cloud_cover": [10, 20, 30, 40, 50] } }
        """;

    [Fact]
    public void Each_hour_of_the_night_clocks_go_back_is_read_with_its_own_UTC_offset()
    {
        var clouds = CloudCover.Parse(File, KastenCzeplak);
        Assert.Equal(5, clouds.Hours);
        Assert.Equal(0.1, clouds.FractionAt(Utc(2026, 10, 24, 23)));  // 01:00 CEST
        Assert.Equal(0.2, clouds.FractionAt(Utc(2026, 10, 25, 0)));   // 02:00 CEST
        Assert.Equal(0.3, clouds.FractionAt(Utc(2026, 10, 25, 1)));   // 02:00 CET
        Assert.Equal(0.4, clouds.FractionAt(Utc(2026, 10, 25, 2)));   // 03:00 CET
        Assert.Equal(0.5, clouds.FractionAt(Utc(2026, 10, 25, 11)));  // noon CET, not 10:00 UTC
        Assert.Null(clouds.FractionAt(Utc(2026, 10, 25, 10)));
    }

    [Fact]
    public void Without_a_zone_the_one_offset_of_the_file_applies()
    {
        var clouds = CloudCover.Parse(File.Replace("\"timezone\": \"Europe/Paris\",", ""), KastenCzeplak);
        Assert.Equal(0.5, clouds.FractionAt(Utc(2026, 10, 25, 10)));
    }
}
