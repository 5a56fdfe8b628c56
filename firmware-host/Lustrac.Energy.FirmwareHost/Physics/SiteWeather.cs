using Lustrac.Energy.Protocol.Solar;

namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// The sky over the site: sun position, cloud cover and the resulting horizontal irradiance. One instance per site,
/// so every array sees the same clouds. Clouds are seeded smooth noise in three time scales — weather regimes of
/// a few days, cloud fields of hours, single clouds of minutes — around a seasonal mean (cloudier in winter).
/// </summary>
public sealed class SiteWeather(double latitudeDeg, double longitudeDeg, ulong seed)
{
    private readonly ulong _regimeSeed = StableRandom.Combine(seed, "clouds/regime");
    private readonly ulong _fieldSeed = StableRandom.Combine(seed, "clouds/field");
    private readonly ulong _cloudSeed = StableRandom.Combine(seed, "clouds/single");

    public double LatitudeDeg { get; } = latitudeDeg;
    public double LongitudeDeg { get; } = longitudeDeg;

    public SunPosition Sun(DateTimeOffset t) => SolarPosition.At(t, LatitudeDeg, LongitudeDeg);

    /// <summary>Cloud cover fraction in [0, 1] (oktas / 8).</summary>
    public double CloudCover(DateTimeOffset t)
    {
        var seasonal = 0.68 + 0.14 * Math.Cos(2 * Math.PI * (t.UtcDateTime.DayOfYear - 15) / 365.25);
        var cover = seasonal
                    + 0.70 * SmoothNoise.At(_regimeSeed, t, TimeSpan.FromDays(2.5))
                    + 0.25 * SmoothNoise.At(_fieldSeed, t, TimeSpan.FromHours(3))
                    + 0.15 * SmoothNoise.At(_cloudSeed, t, TimeSpan.FromMinutes(12));
        return Math.Clamp(cover, 0, 1);
    }

    public HorizontalIrradiance Horizontal(DateTimeOffset t, SunPosition sun)
    {
        if (!sun.IsUp) return HorizontalIrradiance.Dark;
        var ghi = Irradiance.ClearSkyGhi(sun.ZenithDeg) * Irradiance.CloudAttenuation(CloudCover(t));
        return Irradiance.Split(ghi, sun.ZenithDeg, t.UtcDateTime.DayOfYear);
    }
}
