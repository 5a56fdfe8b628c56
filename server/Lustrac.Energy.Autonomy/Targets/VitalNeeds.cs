namespace Lustrac.Energy.Autonomy.Targets;

/// <summary>Targets as fractions in [0, 1] (the cooperative's aim: 0.85).</summary>
public sealed record AutonomyTargets(double EnergySelfSufficiency = 0.85, double WaterAutonomy = 0.85, double CompostDiversion = 0.85, double VitalNeeds = 0.85);

/// <summary>
/// Weights of the vital-needs index. Default: equal thirds. Energy, water and organic-matter cycling are the three
/// vital needs this system measures (food and materials are not metered); without evidence that one matters more,
/// equal weights are the choice that is easiest to explain to residents. Change them in the site's configuration.
/// </summary>
public sealed record VitalNeedsWeights(double Energy = 1.0 / 3, double Water = 1.0 / 3, double Compost = 1.0 / 3)
{
    public static VitalNeedsWeights Equal { get; } = new();
}

/// <summary>One component against its target. Value null = undefined (no data), never read as 0.</summary>
public sealed record TargetCheck(string Component, double? Value, double Target)
{
    public bool? Met => Value is double v ? v >= Target : null;
    public double? Gap => Value is double v ? v - Target : null;
}

public sealed record VitalNeedsReport(TargetCheck Energy, TargetCheck Water, TargetCheck Compost, TargetCheck Index, int ComponentsUsed);

public static class VitalNeeds
{
    /// <summary>
    /// Weighted mean of the defined components, weights renormalised over them; null when none is defined.
    /// A component with weight 0 is ignored.
    /// </summary>
    public static double? Index(double? energySelfSufficiency, double? waterAutonomy, double? compostDiversion, VitalNeedsWeights? weights = null)
    {
        weights ??= VitalNeedsWeights.Equal;
        if (weights.Energy < 0 || weights.Water < 0 || weights.Compost < 0) throw new ArgumentOutOfRangeException(nameof(weights), "Weights must be ≥ 0.");
        double sum = 0, weight = 0;
        void Add(double? value, double w)
        {
            if (value is not double v || w <= 0) return;
            sum += w * Math.Clamp(v, 0, 1);
            weight += w;
        }
        Add(energySelfSufficiency, weights.Energy);
        Add(waterAutonomy, weights.Water);
        Add(compostDiversion, weights.Compost);
        return weight > 0 ? sum / weight : null;
    }

    public static VitalNeedsReport Report(double? energySelfSufficiency, double? waterAutonomy, double? compostDiversion, AutonomyTargets targets, VitalNeedsWeights? weights = null)
    {
        int used = new[] { energySelfSufficiency, waterAutonomy, compostDiversion }.Count(v => v.HasValue);
        return new VitalNeedsReport(
            new TargetCheck("energy_self_sufficiency", energySelfSufficiency, targets.EnergySelfSufficiency),
            new TargetCheck("water_autonomy", waterAutonomy, targets.WaterAutonomy),
            new TargetCheck("compost_diversion", compostDiversion, targets.CompostDiversion),
            new TargetCheck("vital_needs_index", Index(energySelfSufficiency, waterAutonomy, compostDiversion, weights), targets.VitalNeeds),
            used);
    }
}
