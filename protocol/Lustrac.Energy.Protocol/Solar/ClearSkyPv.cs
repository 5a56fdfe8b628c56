namespace Lustrac.Energy.Protocol.Solar;

/// <summary>
/// What an array would make under a clear sky, per kWp and before any loss (performance ratio 1, no inverter cap):
/// sun position, Haurwitz clear-sky irradiance split by Erbs, and the isotropic plane-of-array model — the same sky
/// firmware-host emulates, without its clouds. The server scales this shape by a measured performance ratio
/// (what-if arrays, tomorrow's forecast); firmware-host multiplies it by its clouds and its arrays' losses.
/// </summary>
public static class ClearSkyPv
{
    /// <summary>Integration step: five minutes keeps a 15-minute interval's sunrise edge within a fraction of a percent.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    /// <summary>Clear-sky plane-of-array irradiance in W/m² at one instant.</summary>
    public static double PlaneIrradiance(DateTimeOffset time, double latitudeDeg, double longitudeDeg, double tiltDeg, double azimuthDeg)
    {
        var sun = SolarPosition.At(time, latitudeDeg, longitudeDeg);
        if (!sun.IsUp) return 0;
        var sky = Irradiance.Split(Irradiance.ClearSkyGhi(sun.ZenithDeg), sun.ZenithDeg, time.UtcDateTime.DayOfYear);
        return PlaneOfArray.Irradiance(sky, sun, tiltDeg, azimuthDeg);
    }

    /// <summary>
    /// Clear-sky energy in kWh per kWp over [start, start + length): the mean of the irradiance at the midpoints of
    /// <see cref="Step"/>-long slices, / 1000 W/m², × hours.
    /// </summary>
    public static double EnergyPerKwp(DateTimeOffset start, TimeSpan length, double latitudeDeg, double longitudeDeg, double tiltDeg, double azimuthDeg)
    {
        if (length <= TimeSpan.Zero) return 0;
        var slices = Math.Max(1, (int)Math.Ceiling(length / Step));
        var slice = length / slices;
        var sum = 0.0;
        for (var i = 0; i < slices; i++)
            sum += PlaneIrradiance(start + slice * (i + 0.5), latitudeDeg, longitudeDeg, tiltDeg, azimuthDeg);
        return sum / slices / 1000 * length.TotalHours;
    }
}
