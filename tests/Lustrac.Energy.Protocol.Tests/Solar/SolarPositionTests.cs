using Lustrac.Energy.Protocol.Solar;

namespace Lustrac.Energy.Protocol.Tests.Solar;

public sealed class SolarPositionTests
{
    private const double Lat = 44.4, Lon = 0.85;

    [Fact]
    public void Midsummer_solar_noon_elevation_is_90_minus_latitude_plus_tilt_of_the_earth()
    {
        // Solar noon at 0.85° E is about 3.4 min before 12:00 UTC, shifted by the equation of time (≈ −1.7 min on 21 June).
        var noon = SolarPosition.At(new DateTimeOffset(2026, 6, 21, 11, 58, 0, TimeSpan.Zero), Lat, Lon);

        Assert.Equal(90 - 44.4 + 23.44, noon.ElevationDeg, 0.3);
        Assert.Equal(180, noon.AzimuthDeg, 1.5);
    }

    [Fact]
    public void Midwinter_solar_noon_elevation_is_90_minus_latitude_minus_tilt()
    {
        var noon = SolarPosition.At(new DateTimeOffset(2026, 12, 21, 11, 50, 0, TimeSpan.Zero), Lat, Lon);

        Assert.Equal(90 - 44.4 - 23.44, noon.ElevationDeg, 0.4);
    }

    [Fact]
    public void Equation_of_time_matches_its_known_extremes()
    {
        Assert.Equal(16.4, SolarPosition.At(new DateTimeOffset(2026, 11, 3, 12, 0, 0, TimeSpan.Zero), Lat, Lon).EquationOfTimeMinutes, 0.5);
        Assert.Equal(-14.2, SolarPosition.At(new DateTimeOffset(2026, 2, 11, 12, 0, 0, TimeSpan.Zero), Lat, Lon).EquationOfTimeMinutes, 0.5);
    }

    [Fact]
    public void Sun_rises_in_the_east_and_sets_in_the_west_and_is_down_at_midnight()
    {
        var morning = SolarPosition.At(new DateTimeOffset(2026, 3, 20, 7, 0, 0, TimeSpan.Zero), Lat, Lon);
        var evening = SolarPosition.At(new DateTimeOffset(2026, 3, 20, 17, 0, 0, TimeSpan.Zero), Lat, Lon);
        var midnight = SolarPosition.At(new DateTimeOffset(2026, 6, 21, 0, 0, 0, TimeSpan.Zero), Lat, Lon);

        Assert.InRange(morning.AzimuthDeg, 80, 120);
        Assert.InRange(evening.AzimuthDeg, 240, 280);
        Assert.False(midnight.IsUp);
    }
}
