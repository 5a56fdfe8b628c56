using System.Numerics;

namespace Lustrac.Energy.Autonomy.Water;

/// <summary>Rain-sourced and mains volumes (litres) over one interval or a sum of intervals.</summary>
public readonly record struct WaterParts(double Rain, double Mains)
    : IAdditionOperators<WaterParts, WaterParts, WaterParts>, IAdditiveIdentity<WaterParts, WaterParts>
{
    public static WaterParts AdditiveIdentity => default;

    public static WaterParts operator +(WaterParts a, WaterParts b) => new(a.Rain + b.Rain, a.Mains + b.Mains);

    public double Total => Rain + Mains;

    /// <summary>Water autonomy = rain / (rain + mains); null when no water was used ("no draw").</summary>
    public double? Autonomy => Energy.Ratio.Clamped(Rain, Total);
}
