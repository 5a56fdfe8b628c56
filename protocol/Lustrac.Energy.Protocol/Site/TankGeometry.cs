namespace Lustrac.Energy.Protocol.Site;

/// <summary>
/// Water depth (m above the tank bottom) → stored volume (L), for the tank shapes of the site model (DOMAIN.md,
/// Rainwater). The one geometry of gateway, server and wall screen; firmware-host keeps an independent one to check it.
/// <para>Clamping rule, the same everywhere: a depth below 0 holds 0 L, a depth above <see cref="FullDepthM"/> holds
/// <see cref="CapacityLitres"/>. A tank cannot hold less than nothing or more than its volume; whether such a depth is
/// plausible at all is the sensor's business (the gateway flags it <c>bad</c> beyond its tolerance).</para>
/// </summary>
public abstract record TankGeometry
{
    /// <summary>The depth of a full tank: its height, or the diameter of a lying cylinder.</summary>
    public abstract double FullDepthM { get; }

    public double CapacityLitres => LitresWithin(FullDepthM);

    /// <exception cref="ArgumentOutOfRangeException">The depth is not a finite number.</exception>
    public double VolumeLitres(double depthM)
    {
        if (!double.IsFinite(depthM))
            throw new ArgumentOutOfRangeException(nameof(depthM), depthM, "A tank depth must be a finite number of metres.");
        return LitresWithin(Math.Clamp(depthM, 0, FullDepthM));
    }

    /// <summary>Volume at a depth already within [0, <see cref="FullDepthM"/>].</summary>
    protected abstract double LitresWithin(double depthM);

    /// <summary>Standing cylinder: V = π r² h.</summary>
    public sealed record VerticalCylinder(double DiameterM, double HeightM) : TankGeometry
    {
        public override double FullDepthM => HeightM;
        protected override double LitresWithin(double depthM) => Math.PI * (DiameterM / 2) * (DiameterM / 2) * depthM * 1000;
    }

    /// <summary>Box: V = l · w · h.</summary>
    public sealed record Rectangular(double LengthM, double WidthM, double HeightM) : TankGeometry
    {
        public override double FullDepthM => HeightM;
        protected override double LitresWithin(double depthM) => LengthM * WidthM * depthM * 1000;
    }

    /// <summary>Lying cylinder: the wetted circular segment × length, V = L·[r²·acos((r−h)/r) − (r−h)·√(2rh − h²)].</summary>
    public sealed record HorizontalCylinder(double DiameterM, double LengthM) : TankGeometry
    {
        public override double FullDepthM => DiameterM;

        protected override double LitresWithin(double depthM)
        {
            double r = DiameterM / 2, h = depthM;
            // Max guards the square root against rounding just below 0 at an empty or full tank.
            double segment = r * r * Math.Acos((r - h) / r) - (r - h) * Math.Sqrt(Math.Max(0, 2 * r * h - h * h));
            return LengthM * segment * 1000;
        }
    }

    /// <summary>The geometry of a site file's rain tank.</summary>
    /// <exception cref="FormatException">The asset is not a tank with a shape, or lacks a positive dimension its shape needs.</exception>
    public static TankGeometry Of(Asset tank)
    {
        if (tank.Kind != AssetKind.RainTank || tank.Shape is null)
            throw new FormatException($"asset '{tank.Id}' is not a rain_tank with a shape; a tank level device must name its tank.");
        double Need(double? value, string key) => value is > 0 ? value.Value
            : throw new FormatException($"tank '{tank.Id}' ({tank.Location}) needs a positive '{key}' (in metres) to turn a level into a volume.");
        return tank.Shape switch
        {
            TankShape.VerticalCylinder => new VerticalCylinder(Need(tank.DiameterM, "diameter_m"), Need(tank.HeightM, "height_m")),
            TankShape.Rectangular => new Rectangular(Need(tank.LengthM, "length_m"), Need(tank.WidthM, "width_m"), Need(tank.HeightM, "height_m")),
            TankShape.HorizontalCylinder => new HorizontalCylinder(Need(tank.DiameterM, "diameter_m"), Need(tank.LengthM, "length_m")),
            _ => throw new FormatException($"tank '{tank.Id}' has an unknown shape '{tank.Shape}'."),
        };
    }
}
