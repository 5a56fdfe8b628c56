namespace Lustrac.Energy.Autonomy.Settlement;

/// <summary>
/// Coefficients as the key file carries them: percentages with <see cref="PercentDecimals"/> decimals (1e-5 as a
/// fraction), each rounded DOWN, so their sum never exceeds 100 % — rounding to nearest could (12.3455 % + 87.6545 %
/// → 12.346 + 87.655 = 100.001 %).
/// </summary>
public static class KeyCoefficients
{
    public const int PercentDecimals = 3;

    /// <summary>Units of the last decimal in a fraction: 100 % × 10^3.</summary>
    public const double UnitsPerFraction = 100_000;

    /// <summary>
    /// Rounded down to 0.001 %. The tolerance of 1e-6 unit keeps an exact value computed with a binary rounding error
    /// (0.5 as 49 999.999 999 units) from losing a whole unit.
    /// </summary>
    public static double RoundDown(double fraction)
    {
        if (!(fraction > 0)) return 0;
        return Math.Floor(fraction * UnitsPerFraction + 1e-6) / UnitsPerFraction;
    }

    /// <summary>
    /// The coefficients of one step before rounding, per key: static, the shares; default dynamic, consumption / Σ
    /// consumption (the operator's own pro rata); dynamic, the cooperative's weighted allocation / production.
    /// </summary>
    public static double[] Exact(SettlementKey key, double production, IReadOnlyList<double> consumption)
    {
        int n = consumption.Count;
        switch (key.Kind)
        {
            case SettlementKeyKind.Static:
                return [.. key.Coefficients!];
            case SettlementKeyKind.DefaultDynamic:
            {
                double total = consumption.Sum();
                return [.. consumption.Select(c => total > 0 ? c / total : 0)];
            }
            default:
            {
                var w = key.Coefficients!;
                if (production > 0)
                    return [.. WeightedAllocation.Allocate(production, consumption, w).Select(a => a / production)];
                // Nothing to share: any coefficient allocates 0; send the weighted consumption shares (weights alone when nothing was drawn).
                double weighted = Enumerable.Range(0, n).Sum(h => w[h] * consumption[h]);
                double weights = w.Sum();
                return [.. Enumerable.Range(0, n).Select(h => weighted > 0 ? w[h] * consumption[h] / weighted : w[h] / weights)];
            }
        }
    }
}
