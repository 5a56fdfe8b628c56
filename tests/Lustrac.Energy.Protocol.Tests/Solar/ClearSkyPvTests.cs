using Lustrac.Energy.Protocol.Solar;

namespace Lustrac.Energy.Protocol.Tests.Solar;

public sealed class ClearSkyPvTests
{
    private const double Lat = 44.4, Lon = 0.85; // Lustrac, Trentels

    [Fact]
    public void Night_gives_nothing()
    {
        var midnight = new DateTimeOffset(2026, 6, 21, 23, 0, 0, TimeSpan.Zero);
        Assert.Equal(0, ClearSkyPv.EnergyPerKwp(midnight, TimeSpan.FromHours(1), Lat, Lon, 30, 180));
    }

    [Fact]
    public void A_south_array_at_midsummer_noon_sees_about_one_sun()
    {
        // Elevation at solar noon on 21 June ≈ 90 − 44.4 + 23.44 = 69°, zenith 21°: Haurwitz GHI = 1098 · 0.934 ·
        // exp(−0.059 / 0.934) ≈ 963 W/m². A 30° south plane is within 9° of the sun, so POA is near 1000 W/m²:
        // one quarter-hour around noon gives about 0.25 kWh per kWp.
        var noon = new DateTimeOffset(2026, 6, 21, 11, 50, 0, TimeSpan.Zero);
        var kwh = ClearSkyPv.EnergyPerKwp(noon, TimeSpan.FromMinutes(15), Lat, Lon, 30, 180);
        Assert.InRange(kwh, 0.23, 0.26);
    }

    [Fact]
    public void A_clear_midsummer_day_gives_more_than_a_clear_midwinter_day()
    {
        var june = ClearSkyPv.EnergyPerKwp(new DateTimeOffset(2026, 6, 21, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1), Lat, Lon, 30, 180);
        var december = ClearSkyPv.EnergyPerKwp(new DateTimeOffset(2026, 12, 21, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1), Lat, Lon, 30, 180);
        // Clear-sky yields at 44° N on a 30° south plane: roughly 7–8 kWh/kWp in June, 3–4.5 in December.
        Assert.InRange(june, 6.5, 8.5);
        Assert.InRange(december, 2.5, 5);
    }

    [Fact]
    public void Summing_quarter_hours_equals_the_whole_day()
    {
        var day = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var whole = ClearSkyPv.EnergyPerKwp(day, TimeSpan.FromDays(1), Lat, Lon, 35, 160);
        var parts = Enumerable.Range(0, 96).Sum(i => ClearSkyPv.EnergyPerKwp(day.AddMinutes(15 * i), TimeSpan.FromMinutes(15), Lat, Lon, 35, 160));
        Assert.Equal(whole, parts, 9);
    }
}
