using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// Volume of a tank as a function of its water depth (DOMAIN.md): vertical cylinder πr²h; rectangular l·w·h;
/// horizontal cylinder of length L, radius r, fill h: L·[r²·acos((r−h)/r) − (r−h)·√(2rh − h²)].
/// </summary>
public sealed record TankGeometry(TankShape Shape, double DiameterM, double LengthM, double WidthM, double HeightM)
{
    public static TankGeometry Of(Asset tank) => new(tank.Shape ?? TankShape.VerticalCylinder, tank.DiameterM ?? 0,
        tank.LengthM ?? 0, tank.WidthM ?? 0, tank.Shape == TankShape.HorizontalCylinder ? tank.DiameterM ?? 0 : tank.HeightM ?? 0);

    /// <summary>Full depth in m: the height, or the diameter of a horizontal cylinder.</summary>
    public double DepthM => Shape == TankShape.HorizontalCylinder ? DiameterM : HeightM;

    public double CapacityLitres => LitresAt(DepthM);

    public double LitresAt(double depthM)
    {
        var h = Math.Clamp(depthM, 0, DepthM);
        var r = DiameterM / 2;
        var m3 = Shape switch
        {
            TankShape.VerticalCylinder => Math.PI * r * r * h,
            TankShape.Rectangular => LengthM * WidthM * h,
            TankShape.HorizontalCylinder => LengthM * (r * r * Math.Acos((r - h) / r) - (r - h) * Math.Sqrt(Math.Max(0, 2 * r * h - h * h))),
            _ => 0,
        };
        return m3 * 1000;
    }

    /// <summary>The depth holding <paramref name="litres"/> (bisection: the horizontal cylinder has no closed inverse).</summary>
    public double DepthAt(double litres)
    {
        double lo = 0, hi = DepthM;
        for (var i = 0; i < 50; i++)
        {
            var mid = (lo + hi) / 2;
            if (LitresAt(mid) < litres) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }
}
