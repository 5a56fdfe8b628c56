using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.TankLevel;

/// <summary>Water depth (m) → stored volume (L) for the tank shapes of the site model.</summary>
public abstract record TankGeometry(double HeightM)
{
    public abstract double VolumeLitres(double depthM);

    public sealed record VerticalCylinder(double DiameterM, double Height) : TankGeometry(Height)
    {
        public override double VolumeLitres(double depthM) => Math.PI * Math.Pow(DiameterM / 2, 2) * depthM * 1000;
    }

    public sealed record Rectangular(double LengthM, double WidthM, double Height) : TankGeometry(Height)
    {
        public override double VolumeLitres(double depthM) => LengthM * WidthM * depthM * 1000;
    }

    /// <summary>Lying cylinder: the wetted circular segment × length, V = L·[r²·acos((r−h)/r) − (r−h)·√(2rh − h²)].</summary>
    public sealed record HorizontalCylinder(double DiameterM, double LengthM) : TankGeometry(DiameterM)
    {
        public override double VolumeLitres(double depthM)
        {
            var r = DiameterM / 2;
            var h = Math.Clamp(depthM, 0, DiameterM);
            var segment = r * r * Math.Acos((r - h) / r) - (r - h) * Math.Sqrt(2 * r * h - h * h);
            return LengthM * segment * 1000;
        }
    }

    /// <exception cref="FormatException">The asset is not a tank or lacks a dimension its shape needs.</exception>
    public static TankGeometry Of(Asset tank)
    {
        if (tank.Kind != AssetKind.RainTank || tank.Shape is null)
            throw new FormatException($"asset '{tank.Id}' is not a rain_tank with a shape; a tank level device must name its tank.");
        double Need(double? value, string key) => value is > 0 ? value.Value
            : throw new FormatException($"tank '{tank.Id}' ({tank.Shape}) needs a positive '{key}' to turn a level into a volume.");
        return tank.Shape switch
        {
            TankShape.VerticalCylinder => new VerticalCylinder(Need(tank.DiameterM, "diameter_m"), Need(tank.HeightM, "height_m")),
            TankShape.Rectangular => new Rectangular(Need(tank.LengthM, "length_m"), Need(tank.WidthM, "width_m"), Need(tank.HeightM, "height_m")),
            TankShape.HorizontalCylinder => new HorizontalCylinder(Need(tank.DiameterM, "diameter_m"), Need(tank.LengthM, "length_m")),
            _ => throw new FormatException($"tank '{tank.Id}' has an unknown shape"),
        };
    }
}
