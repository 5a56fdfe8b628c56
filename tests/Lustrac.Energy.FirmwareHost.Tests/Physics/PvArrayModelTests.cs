using Lustrac.Energy.Protocol.Solar;

using Lustrac.Energy.FirmwareHost.Physics;

namespace Lustrac.Energy.FirmwareHost.Tests.Physics;

public sealed class PvArrayModelTests
{
    private static readonly SiteWeather Weather = new(44.4, 0.85, seed: 1);
    private static PvArrayModel Atelier => new(Weather, 36, 30, 180);

    private static double EnergyKwh(PvArrayModel array, DateTimeOffset from, TimeSpan span)
    {
        var step = TimeSpan.FromMinutes(15);
        var kwh = 0.0;
        for (var t = from; t < from + span; t += step) kwh += array.AcPowerKw(t + step / 2) * step.TotalHours;
        return kwh;
    }

    [Fact]
    public void No_production_while_the_sun_is_below_the_horizon()
    {
        for (var t = new DateTimeOffset(2026, 6, 20, 21, 0, 0, TimeSpan.Zero); t < new DateTimeOffset(2026, 6, 21, 3, 30, 0, TimeSpan.Zero); t += TimeSpan.FromMinutes(10))
            Assert.Equal(0, Atelier.AcPowerKw(t));
    }

    [Fact]
    public void Clear_sky_noon_in_june_beats_noon_in_december()
    {
        static double ClearNoonPoa(DateTimeOffset t)
        {
            var sun = SolarPosition.At(t, 44.4, 0.85);
            var sky = Irradiance.Split(Irradiance.ClearSkyGhi(sun.ZenithDeg), sun.ZenithDeg, t.DayOfYear);
            return PlaneOfArray.Irradiance(sky, sun, 30, 180);
        }

        var june = ClearNoonPoa(new DateTimeOffset(2026, 6, 21, 11, 58, 0, TimeSpan.Zero));
        var december = ClearNoonPoa(new DateTimeOffset(2026, 12, 21, 11, 50, 0, TimeSpan.Zero));

        Assert.InRange(june, 900, 1150);
        Assert.InRange(december, 450, june - 100);
    }

    [Fact]
    public void A_june_month_yields_far_more_than_a_december_month()
    {
        var june = EnergyKwh(Atelier, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(30));
        var december = EnergyKwh(Atelier, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(30));

        Assert.True(june > 2.5 * december, $"June {june:F0} kWh, December {december:F0} kWh");
    }

    [Fact]
    public void Annual_yield_is_near_the_agen_figure_of_about_1270_kwh_per_kwp()
    {
        var kwh = EnergyKwh(Atelier, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(365));

        Assert.InRange(kwh / 36, 1150, 1400);
    }

    [Fact]
    public void Output_never_exceeds_the_inverter_rating()
    {
        var array = new PvArrayModel(Weather, 60, 15, 190, acRatingKw: 40);
        var max = 0.0;
        for (var t = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero); t < new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero); t += TimeSpan.FromMinutes(5))
            max = Math.Max(max, array.AcPowerKw(t));

        Assert.Equal(40, max, 1e-9); // some clear June noon is capped
    }

    [Fact]
    public void Cloud_cover_stays_in_range_and_changes_smoothly()
    {
        var previous = Weather.CloudCover(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var seen = new List<double>();
        for (var t = new DateTimeOffset(2026, 4, 1, 0, 1, 0, TimeSpan.Zero); t < new DateTimeOffset(2026, 4, 15, 0, 0, 0, TimeSpan.Zero); t += TimeSpan.FromMinutes(1))
        {
            var c = Weather.CloudCover(t);
            Assert.InRange(c, 0, 1);
            Assert.True(Math.Abs(c - previous) < 0.05, $"cloud cover jumped from {previous} to {c} at {t}");
            previous = c;
            seen.Add(c);
        }
        Assert.True(seen.Max() - seen.Min() > 0.5, "two weeks should see both clear and cloudy spells");
    }

    [Fact]
    public void Same_seed_same_sky_and_another_seed_another_sky()
    {
        var t = new DateTimeOffset(2026, 5, 5, 13, 0, 0, TimeSpan.Zero);
        var times = Enumerable.Range(0, 48).Select(h => t.AddHours(h)).ToArray();

        var a = times.Select(new SiteWeather(44.4, 0.85, 7).CloudCover).ToArray();
        var b = times.Select(new SiteWeather(44.4, 0.85, 7).CloudCover).ToArray();
        var c = times.Select(new SiteWeather(44.4, 0.85, 8).CloudCover).ToArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
