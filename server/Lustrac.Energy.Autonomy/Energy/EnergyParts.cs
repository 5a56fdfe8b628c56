using System.Numerics;

namespace Lustrac.Energy.Autonomy.Energy;

/// <summary>
/// The additive parts of an energy balance (kWh) over one interval or the sum of many. Ratios are computed only
/// from summed parts — never averaged, never from totals of power (architecture decision 2).
/// All flows are ≥ 0 except the two numerators, which are signed so that energy drawn from the grid into a
/// battery in one interval is counted against the consumption it later serves.
/// </summary>
public readonly record struct EnergyParts(
    double Consumption,
    double Production,
    double Import,
    double Export,
    double BatteryCharge,
    double BatteryDischarge,
    double Allocated,
    double LocallySupplied,
    double SelfConsumed)
    : IAdditionOperators<EnergyParts, EnergyParts, EnergyParts>, IAdditiveIdentity<EnergyParts, EnergyParts>
{
    public static EnergyParts AdditiveIdentity => default;

    public static EnergyParts operator +(EnergyParts a, EnergyParts b) => new(
        a.Consumption + b.Consumption,
        a.Production + b.Production,
        a.Import + b.Import,
        a.Export + b.Export,
        a.BatteryCharge + b.BatteryCharge,
        a.BatteryDischarge + b.BatteryDischarge,
        a.Allocated + b.Allocated,
        a.LocallySupplied + b.LocallySupplied,
        a.SelfConsumed + b.SelfConsumed);

    /// <summary>Self-sufficiency (taux d'autoproduction) = locally supplied / consumption, in [0, 1]; null when nothing was consumed.</summary>
    public double? SelfSufficiency => Ratio.Clamped(LocallySupplied, Consumption);

    /// <summary>Self-consumption (taux d'autoconsommation) = self-consumed / production, in [0, 1]; null when nothing was produced.</summary>
    public double? SelfConsumption => Ratio.Clamped(SelfConsumed, Production);

    /// <summary>Share of consumption covered by allocated shared production, in [0, 1]; null when nothing was consumed.</summary>
    public double? AllocatedShareOfConsumption => Ratio.Clamped(Allocated, Consumption);
}

public static class Ratio
{
    /// <summary>numerator / denominator clamped to [0, 1]; null (undefined, not 0 % or 100 %) when the denominator is not positive.</summary>
    public static double? Clamped(double numerator, double denominator) =>
        denominator > 0 && double.IsFinite(numerator) ? Math.Clamp(numerator / denominator, 0, 1) : null;
}
