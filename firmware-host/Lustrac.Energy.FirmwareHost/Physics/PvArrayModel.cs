using Lustrac.Energy.Protocol.Solar;

namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// A PV array and its inverter: AC power = peak kW × POA / 1000 W/m² × performance ratio, capped at the inverter's
/// AC rating. The performance ratio (0.85 by default) stands for temperature, soiling, wiring and conversion losses.
/// </summary>
public sealed class PvArrayModel(SiteWeather weather, double peakKw, double tiltDeg, double azimuthDeg,
    double performanceRatio = PvArrayModel.DefaultPerformanceRatio, double? acRatingKw = null)
{
    public const double DefaultPerformanceRatio = 0.85;

    /// <summary>DC/AC ratio used when the site file gives no inverter rating: a common sizing for fixed arrays.</summary>
    public const double DefaultDcAcRatio = 1.1;

    public double PeakKw { get; } = peakKw;
    public double TiltDeg { get; } = tiltDeg;
    public double AzimuthDeg { get; } = azimuthDeg;
    public double AcRatingKw { get; } = acRatingKw ?? peakKw / DefaultDcAcRatio;

    public double PlaneOfArrayIrradiance(DateTimeOffset t)
    {
        var sun = weather.Sun(t);
        return PlaneOfArray.Irradiance(weather.Horizontal(t, sun), sun, TiltDeg, AzimuthDeg);
    }

    /// <summary>AC power in kW before the inverter's cap.</summary>
    public double UncappedAcKw(DateTimeOffset t) => PeakKw * PlaneOfArrayIrradiance(t) / 1000 * performanceRatio;

    /// <summary>AC power fed by the inverter, in kW (never negative; night consumption ignored).</summary>
    public double AcPowerKw(DateTimeOffset t) => Math.Min(UncappedAcKw(t), AcRatingKw);

    public bool IsThrottled(DateTimeOffset t) => UncappedAcKw(t) > AcRatingKw;
}
