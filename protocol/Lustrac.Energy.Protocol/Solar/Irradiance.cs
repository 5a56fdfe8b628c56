namespace Lustrac.Energy.Protocol.Solar;

/// <summary>Irradiance on a horizontal surface in W/m²: global (GHI), direct normal (DNI), diffuse horizontal (DHI).</summary>
public readonly record struct HorizontalIrradiance(double Ghi, double Dni, double Dhi)
{
    public static readonly HorizontalIrradiance Dark = new(0, 0, 0);
}

/// <summary>
/// Clear sky, clouds and the split into beam and diffuse, each from a published empirical model:
/// Haurwitz (1945) clear-sky GHI = 1098 cos z · exp(−0.059 / cos z); Kasten &amp; Czeplak (1980) cloud attenuation
/// GHI = GHI_clear · (1 − 0.75 C^3.4) for cloud cover C in [0, 1]; Erbs et al. (1982) diffuse fraction from the
/// clearness index. Haurwitz needs no turbidity or altitude input, which suits a site model without weather data.
/// </summary>
public static class Irradiance
{
    public const double SolarConstant = 1367;

    public static double ClearSkyGhi(double zenithDeg)
    {
        var cosZ = Math.Cos(SolarPosition.Deg2Rad(zenithDeg));
        return cosZ <= 0 ? 0 : 1098 * cosZ * Math.Exp(-0.059 / cosZ);
    }

    public static double CloudAttenuation(double cloudCover) => 1 - 0.75 * Math.Pow(Math.Clamp(cloudCover, 0, 1), 3.4);

    /// <summary>Extraterrestrial normal irradiance, varying ±3.3 % with the Earth–Sun distance.</summary>
    public static double Extraterrestrial(int dayOfYear) => SolarConstant * (1 + 0.033 * Math.Cos(2 * Math.PI * dayOfYear / 365));

    public static double ErbsDiffuseFraction(double clearnessIndex)
    {
        var kt = clearnessIndex;
        if (kt <= 0.22) return 1 - 0.09 * kt;
        if (kt <= 0.80) return 0.9511 - 0.1604 * kt + 4.388 * kt * kt - 16.638 * kt * kt * kt + 12.336 * kt * kt * kt * kt;
        return 0.165;
    }

    /// <summary>Splits a measured or modelled GHI into DNI and DHI for the sun at <paramref name="zenithDeg"/>.</summary>
    public static HorizontalIrradiance Split(double ghi, double zenithDeg, int dayOfYear)
    {
        var cosZ = Math.Cos(SolarPosition.Deg2Rad(zenithDeg));
        if (ghi <= 0 || cosZ <= 0) return HorizontalIrradiance.Dark;
        var kt = Math.Clamp(ghi / (Extraterrestrial(dayOfYear) * cosZ), 0, 1);
        var dhi = ErbsDiffuseFraction(kt) * ghi;
        // Near the horizon cos z → 0 and the beam estimate explodes: below ~3.7° elevation treat all as diffuse.
        var dni = cosZ < 0.065 ? 0 : (ghi - dhi) / cosZ;
        return new HorizontalIrradiance(ghi, dni, cosZ < 0.065 ? ghi : dhi);
    }
}
