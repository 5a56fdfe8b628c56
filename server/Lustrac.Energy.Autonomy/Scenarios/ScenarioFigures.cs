using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Water;

namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>
/// The figures of one scope over one period, all from summed parts (never averaged ratios). Ratios are fractions in
/// [0, 1] or null when undefined. Battery throughput and cycles are the scenario batteries' only (measured batteries
/// are in <see cref="Energy"/>'s charge and discharge).
/// </summary>
public sealed record ScenarioFigures(
    EnergyParts Energy,
    WaterParts? Water,
    int? DryDays,
    double ScenarioBatteryChargedKwh,
    double ScenarioBatteryDischargedKwh,
    double ScenarioBatteryCycles,
    double? CompostDiversion,
    int IntervalsPresent,
    int IntervalsExpected)
{
    public double? SelfSufficiency => Energy.SelfSufficiency;
    public double? SelfConsumption => Energy.SelfConsumption;
    public double? WaterAutonomy => Water?.Autonomy;

    /// <summary>The vital-needs index with the engine's default equal weights over the defined components.</summary>
    public double? VitalNeedsIndex => Targets.VitalNeeds.Index(SelfSufficiency, WaterAutonomy, CompostDiversion);
}

/// <summary>Scenario − actual: energies in kWh, ratios in percentage points (null when either side is undefined).</summary>
public sealed record ScenarioDelta(
    double ImportKwh, double ExportKwh, double ConsumptionKwh, double ProductionKwh, double SelfConsumedKwh, double LocallySuppliedKwh,
    double? SelfSufficiencyPoints, double? SelfConsumptionPoints, double? WaterAutonomyPoints, double? VitalNeedsPoints, int? DryDays)
{
    public static ScenarioDelta Between(ScenarioFigures a, ScenarioFigures s)
    {
        static double? Points(double? x, double? y) => x is double p && y is double q ? (q - p) * 100 : null;
        return new(
            s.Energy.Import - a.Energy.Import, s.Energy.Export - a.Energy.Export, s.Energy.Consumption - a.Energy.Consumption,
            s.Energy.Production - a.Energy.Production, s.Energy.SelfConsumed - a.Energy.SelfConsumed, s.Energy.LocallySupplied - a.Energy.LocallySupplied,
            Points(a.SelfSufficiency, s.SelfSufficiency), Points(a.SelfConsumption, s.SelfConsumption),
            Points(a.WaterAutonomy, s.WaterAutonomy), Points(a.VitalNeedsIndex, s.VitalNeedsIndex),
            a.DryDays is int x && s.DryDays is int y ? y - x : null);
    }
}

/// <summary>One row of a comparison: a period, a scope (household id, or null for the neighbourhood), both sides and the change.</summary>
public sealed record ScenarioComparisonRow(DateTime FromUtc, DateTime ToUtc, string? Household, ScenarioFigures Actual, ScenarioFigures Scenario)
{
    public ScenarioDelta Change => ScenarioDelta.Between(Actual, Scenario);
}
