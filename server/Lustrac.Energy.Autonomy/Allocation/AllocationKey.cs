namespace Lustrac.Energy.Autonomy.Allocation;

/// <summary>How shared production is divided among households in each interval (Code de l'énergie L315-2 keys, plus one community scheme).</summary>
public enum AllocationKey
{
    /// <summary>A fixed fraction per household; a share above the household's demand is surplus, not redistributed.</summary>
    Static,
    /// <summary>The French default dynamic key: pro rata of each household's demand in the step.</summary>
    DefaultDynamic,
    /// <summary>Equal split among households with demand, capped at demand, leftover redistributed until used or no demand left.</summary>
    EqualShare,
}

/// <summary>A key and, for <see cref="AllocationKey.Static"/>, one fraction per household (same order as the households; sum ≤ 1).</summary>
public sealed record AllocationRule(AllocationKey Key, IReadOnlyList<double>? StaticShares = null)
{
    public static AllocationRule DefaultDynamic { get; } = new(AllocationKey.DefaultDynamic);
    public static AllocationRule EqualShare { get; } = new(AllocationKey.EqualShare);

    public void Validate(int households)
    {
        if (Key != AllocationKey.Static) return;
        if (StaticShares is null || StaticShares.Count != households)
            throw new ArgumentException($"A static key needs one share per household ({households}).");
        if (StaticShares.Any(s => !(s >= 0 && s <= 1)))
            throw new ArgumentException("Static shares must be fractions in [0, 1].");
        if (StaticShares.Sum() > 1 + 1e-9)
            throw new ArgumentException($"Static shares add up to {StaticShares.Sum():0.####} > 1: more than the production would be allocated.");
    }
}
