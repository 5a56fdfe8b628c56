namespace Lustrac.Energy.Autonomy.Settlement;

/// <summary>
/// One operator time step's measured inputs (kWh): the shared arrays' production and each participant's consumption as
/// the operator meters it — the grid withdrawal at its connection (Linky), not its total load. A null consumption (or
/// null production) means a meter was missing in the step.
/// </summary>
public sealed record SettlementInput(DateTime StartUtc, double? Production, IReadOnlyList<double?> Consumption);

/// <summary>A participant's settled step (kWh). <see cref="Complement"/> = consumption − autoconsumed, bought from its supplier.</summary>
/// <param name="Coefficient">The key's coefficient for the step as sent to the operator (fraction, rounded down).</param>
public readonly record struct ParticipantStep(double Consumption, double Autoconsumed, double Coefficient)
{
    public double Complement => Consumption - Autoconsumed;
}

/// <summary>
/// One settled step. <see cref="Participants"/> is null when an input was missing: the operator would settle it from its
/// own curves, the cooperative cannot. <see cref="Surplus"/> = production − Σ autoconsumed (exported, sold apart).
/// </summary>
public sealed record SettlementStep(DateTime StartUtc, double? Production, IReadOnlyList<ParticipantStep>? Participants)
{
    public bool IsSettled => Participants is not null;

    public double? Surplus => Participants is null || Production is not double p ? null : Math.Max(0, p - Participants.Sum(x => x.Autoconsumed));
}
