namespace Lustrac.Energy.Protocol.Site;

/// <summary>The allocation key of the collective self-consumption operation, as the cooperative declared it to the grid operator.</summary>
public enum SettlementKeyName { Static, DefaultDynamic, Dynamic }

/// <summary>
/// The site file's <c>settlement</c> section: the grid operator's time step (15 or 30 min, a multiple of the site's
/// interval), the key and its coefficients per household (static: shares summing to ≤ 1; dynamic: weights ≥ 0), and
/// optional prices of a locally supplied kWh in euros and in Abeilles. Absent section: 30 min, default dynamic, no prices.
/// </summary>
public sealed record SettlementSettings(int StepMinutes, SettlementKeyName Key, IReadOnlyDictionary<string, double> Coefficients,
    double? PriceEurPerKwh, double? PriceAbeillePerKwh)
{
    public const int DefaultStepMinutes = 30;

    public static SettlementSettings Default { get; } =
        new(DefaultStepMinutes, SettlementKeyName.DefaultDynamic, new Dictionary<string, double>(), null, null);
}
