namespace Lustrac.Energy.Protocol.Solar;

/// <summary>Where the sun is: zenith angle and azimuth (degrees from north, clockwise), with the intermediate terms.</summary>
public readonly record struct SunPosition(double ZenithDeg, double AzimuthDeg, double DeclinationDeg, double EquationOfTimeMinutes, double HourAngleDeg)
{
    public double ElevationDeg => 90 - ZenithDeg;
    public bool IsUp => ZenithDeg < 90;
}

/// <summary>
/// The NOAA "general solar position" calculation: declination and equation of time from Spencer's (1971) Fourier
/// series in the fractional year, true solar time from longitude, hour angle, then zenith and azimuth by spherical
/// trigonometry. Accurate to a fraction of a degree, ample for PV yield; no refraction correction.
/// </summary>
public static class SolarPosition
{
    public static SunPosition At(DateTimeOffset time, double latitudeDeg, double longitudeDeg)
    {
        var utc = time.UtcDateTime;
        var hours = utc.TimeOfDay.TotalHours;
        var daysInYear = DateTime.IsLeapYear(utc.Year) ? 366 : 365;
        var gamma = 2 * Math.PI / daysInYear * (utc.DayOfYear - 1 + (hours - 12) / 24);

        var eqTime = 229.18 * (0.000075 + 0.001868 * Math.Cos(gamma) - 0.032077 * Math.Sin(gamma)
                               - 0.014615 * Math.Cos(2 * gamma) - 0.040849 * Math.Sin(2 * gamma));
        var decl = 0.006918 - 0.399912 * Math.Cos(gamma) + 0.070257 * Math.Sin(gamma)
                   - 0.006758 * Math.Cos(2 * gamma) + 0.000907 * Math.Sin(2 * gamma)
                   - 0.002697 * Math.Cos(3 * gamma) + 0.00148 * Math.Sin(3 * gamma);

        // True solar time in minutes: UTC clock time shifted 4 min per degree of longitude and by the equation of time.
        var trueSolarMinutes = hours * 60 + eqTime + 4 * longitudeDeg;
        var hourAngleDeg = trueSolarMinutes / 4 - 180;

        var lat = Deg2Rad(latitudeDeg);
        var ha = Deg2Rad(hourAngleDeg);
        var cosZenith = Math.Clamp(Math.Sin(lat) * Math.Sin(decl) + Math.Cos(lat) * Math.Cos(decl) * Math.Cos(ha), -1, 1);
        var zenith = Math.Acos(cosZenith);
        // Azimuth from north, clockwise: 180° at solar noon in the northern hemisphere, below 180° in the morning.
        var azimuth = Math.Atan2(Math.Sin(ha), Math.Cos(ha) * Math.Sin(lat) - Math.Tan(decl) * Math.Cos(lat)) + Math.PI;

        return new SunPosition(Rad2Deg(zenith), Rad2Deg(azimuth), Rad2Deg(decl), eqTime, NormaliseHourAngle(hourAngleDeg));
    }

    private static double NormaliseHourAngle(double deg) => deg - 360 * Math.Floor((deg + 180) / 360);

    public static double Deg2Rad(double deg) => deg * Math.PI / 180;

    public static double Rad2Deg(double rad) => rad * 180 / Math.PI;
}
