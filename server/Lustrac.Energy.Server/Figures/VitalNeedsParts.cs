using System.Numerics;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Targets;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

/// <summary>A ratio kept as its two sums (part of a whole), so periods add up exactly: never an average of ratios.</summary>
public readonly record struct Share(double Part, double Whole)
{
    public static Share operator +(Share a, Share b) => new(a.Part + b.Part, a.Whole + b.Whole);

    /// <summary>Part / whole in [0, 1]; null when the whole is 0.</summary>
    public double? Ratio => Lustrac.Energy.Autonomy.Energy.Ratio.Clamped(Part, Whole);
}

/// <summary>
/// The sums behind the vital-needs components of one day or of any number of days: energy (locally supplied of
/// consumption, kWh), water (rain of all water drawn, L), compost (diverted of all organic waste weighed, kg).
/// A component that was undefined on a day (no data) is null and adds nothing.
/// </summary>
public readonly record struct VitalNeedsParts(Share? Energy, Share? Water, Share? Compost)
    : IAdditionOperators<VitalNeedsParts, VitalNeedsParts, VitalNeedsParts>, IAdditiveIdentity<VitalNeedsParts, VitalNeedsParts>
{
    public static VitalNeedsParts AdditiveIdentity => default;

    public static VitalNeedsParts operator +(VitalNeedsParts a, VitalNeedsParts b) =>
        new(Add(a.Energy, b.Energy), Add(a.Water, b.Water), Add(a.Compost, b.Compost));

    private static Share? Add(Share? a, Share? b) => a is null ? b : b is null ? a : a.Value + b.Value;

    public double? EnergyRatio => Energy?.Ratio;
    public double? WaterRatio => Water?.Ratio;
    public double? CompostRatio => Compost?.Ratio;

    /// <summary>The index over these sums, with the documented weights (equal thirds, renormalised over defined components).</summary>
    public double? Index => VitalNeeds.Index(EnergyRatio, WaterRatio, CompostRatio);

    public bool IsEmpty => Energy is null && Water is null && Compost is null;
}
