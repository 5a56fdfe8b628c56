namespace Lustrac.Energy.Autonomy.Water;

/// <summary>Stored volume from water depth. Dimensions in metres, result in litres; depth is clamped to the tank.</summary>
public static class TankGeometry
{
    /// <summary>Vertical cylinder: V = π r² h.</summary>
    public static double VerticalCylinderLitres(double diameterM, double depthM)
    {
        double r = diameterM / 2, h = Math.Clamp(depthM, 0, double.MaxValue);
        return Math.PI * r * r * h * 1000;
    }

    /// <summary>Rectangular tank: V = l · w · h.</summary>
    public static double RectangularLitres(double lengthM, double widthM, double heightM, double depthM) =>
        lengthM * widthM * Math.Clamp(depthM, 0, heightM) * 1000;

    /// <summary>Horizontal cylinder of length L, radius r, fill h: V = L·[r²·acos((r−h)/r) − (r−h)·√(2rh − h²)].</summary>
    public static double HorizontalCylinderLitres(double diameterM, double lengthM, double depthM)
    {
        double r = diameterM / 2, h = Math.Clamp(depthM, 0, diameterM);
        double segment = r * r * Math.Acos((r - h) / r) - (r - h) * Math.Sqrt(Math.Max(0, 2 * r * h - h * h));
        return lengthM * segment * 1000;
    }
}
