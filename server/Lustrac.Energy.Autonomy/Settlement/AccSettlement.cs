namespace Lustrac.Energy.Autonomy.Settlement;

/// <summary>
/// Settles each step as the grid operator does from the key: under the static and dynamic keys the operator applies the
/// coefficients of the key file (rounded down) — autoconsumed = min(coefficient × production, consumption) — and the
/// unallocated rest is surplus; under the default dynamic key it computes the pro rata itself, unrounded.
/// </summary>
public static class AccSettlement
{
    public static IReadOnlyList<SettlementStep> Settle(IReadOnlyList<SettlementInput> steps, SettlementKey key, int participants)
    {
        key.Validate(participants);
        var settled = new SettlementStep[steps.Count];
        for (int s = 0; s < steps.Count; s++) settled[s] = SettleStep(steps[s], key, participants);
        return settled;
    }

    public static SettlementStep SettleStep(SettlementInput step, SettlementKey key, int participants)
    {
        if (step.Consumption.Count != participants)
            throw new ArgumentException($"The step at {step.StartUtc:u} has {step.Consumption.Count} consumptions for {participants} participants.");
        if (step.Production is not double p || step.Consumption.Any(c => c is null))
            return new SettlementStep(step.StartUtc, step.Production, null);
        if (!(p >= 0) || step.Consumption.Any(c => !(c >= 0)))
            throw new ArgumentException($"The step at {step.StartUtc:u} has a negative or non-numeric energy; production and consumption must be ≥ 0 kWh.");

        var consumption = step.Consumption.Select(c => c!.Value).ToArray();
        var exact = KeyCoefficients.Exact(key, p, consumption);
        var result = new ParticipantStep[participants];
        double total = consumption.Sum();
        for (int h = 0; h < participants; h++)
        {
            double coefficient = KeyCoefficients.RoundDown(exact[h]);
            double auto = key.Kind == SettlementKeyKind.DefaultDynamic
                ? (total <= p ? consumption[h] : Math.Min(consumption[h], p * consumption[h] / total))
                : Math.Min(coefficient * p, consumption[h]);
            result[h] = new ParticipantStep(consumption[h], auto, coefficient);
        }
        return new SettlementStep(step.StartUtc, p, result);
    }
}
