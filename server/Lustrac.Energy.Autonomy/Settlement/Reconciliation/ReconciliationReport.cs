namespace Lustrac.Energy.Autonomy.Settlement.Reconciliation;

/// <summary>
/// One settlement step where the operator's figures and the cooperative's differ (kWh). A null side had no figure: the
/// operator's file has no line for the step, or a meter of ours was missing so the step was not settled.
/// </summary>
public sealed record StepDifference(DateTime StartUtc, double? OperatorConsumption, double? OwnConsumption,
    double? OperatorAutoconsumed, double? OwnAutoconsumed, int OperatorMinutes)
{
    public double? ConsumptionDifference => OperatorConsumption - OwnConsumption;
    public double? AutoconsumedDifference => OperatorAutoconsumed - OwnAutoconsumed;
}

/// <summary>
/// A household's month: the operator's totals, the cooperative's own, and the steps that explain the difference (none
/// when the operator sent monthly quantities only, which cannot be split).
/// </summary>
public sealed record ReconciliationMonth(string Household, int Year, int Month, bool MonthlyQuantitiesOnly,
    double OperatorConsumption, double OwnConsumption, double? OperatorAutoconsumed, double OwnAutoconsumed,
    IReadOnlyList<StepDifference> Steps)
{
    /// <summary>Operator − cooperative: positive when the operator counts more.</summary>
    public double ConsumptionDifference => OperatorConsumption - OwnConsumption;
    public double? AutoconsumedDifference => OperatorAutoconsumed - OwnAutoconsumed;
}
