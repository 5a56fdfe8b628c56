namespace Lustrac.Energy.Protocol.Solar;

/// <summary>
/// Irradiance on a tilted plane with the isotropic sky model (Liu &amp; Jordan): beam by the cosine of the angle of
/// incidence, sky diffuse by the view factor (1 + cos β)/2, ground reflection by albedo · (1 − cos β)/2.
/// </summary>
public static class PlaneOfArray
{
    public const double DefaultAlbedo = 0.2;

    public static double Irradiance(HorizontalIrradiance sky, SunPosition sun, double tiltDeg, double azimuthDeg, double albedo = DefaultAlbedo)
    {
        if (!sun.IsUp || sky.Ghi <= 0) return 0;
        var tilt = SolarPosition.Deg2Rad(tiltDeg);
        var zenith = SolarPosition.Deg2Rad(sun.ZenithDeg);
        var cosIncidence = Math.Cos(zenith) * Math.Cos(tilt)
                           + Math.Sin(zenith) * Math.Sin(tilt) * Math.Cos(SolarPosition.Deg2Rad(sun.AzimuthDeg - azimuthDeg));
        var beam = sky.Dni * Math.Max(0, cosIncidence);
        var diffuse = sky.Dhi * (1 + Math.Cos(tilt)) / 2;
        var ground = sky.Ghi * albedo * (1 - Math.Cos(tilt)) / 2;
        return beam + diffuse + ground;
    }
}
