namespace Lustrac.Energy.Autonomy.Settlement;

/// <summary>The allocation keys the grid operator accepts for a collective self-consumption operation (see README).</summary>
public enum SettlementKeyKind
{
    /// <summary>Clé statique: a fixed coefficient per participant; a share above its consumption is surplus.</summary>
    Static,
    /// <summary>Clé dynamique par défaut: pro rata of each participant's consumption in the step (the operator computes it).</summary>
    DefaultDynamic,
    /// <summary>
    /// Clé dynamique simple computed by the cooperative: consumption weighted by a coefficient per household, leftover
    /// redistributed; the per-step coefficients that reproduce it are sent in the key file.
    /// </summary>
    Dynamic,
}

/// <summary>
/// A key and its coefficients (fractions, same order as the participants): for <see cref="SettlementKeyKind.Static"/>
/// the shares (sum ≤ 1), for <see cref="SettlementKeyKind.Dynamic"/> the weights (≥ 0, not all 0).
/// </summary>
public sealed record SettlementKey(SettlementKeyKind Kind, IReadOnlyList<double>? Coefficients = null)
{
    public static SettlementKey DefaultDynamic { get; } = new(SettlementKeyKind.DefaultDynamic);

    public void Validate(int participants)
    {
        if (Kind == SettlementKeyKind.DefaultDynamic) return;
        var what = Kind == SettlementKeyKind.Static ? "static key" : "dynamic key";
        if (Coefficients is null || Coefficients.Count != participants)
            throw new ArgumentException($"The {what} needs one coefficient per household ({participants}), got {Coefficients?.Count ?? 0}.");
        for (int i = 0; i < Coefficients.Count; i++)
            if (!(Coefficients[i] >= 0) || double.IsInfinity(Coefficients[i]))
                throw new ArgumentException($"The {what}'s coefficient {i + 1} is {Coefficients[i]}; it must be a number ≥ 0.");
        if (Kind == SettlementKeyKind.Static && Coefficients.Sum() > 1 + 1e-9)
            throw new ArgumentException($"The static key's coefficients add up to {Coefficients.Sum() * 100:0.###} % > 100 %: more than the production would be allocated.");
        if (Kind == SettlementKeyKind.Dynamic && Coefficients.All(c => c == 0))
            throw new ArgumentException("The dynamic key's coefficients are all 0: nobody would receive anything.");
    }
}
