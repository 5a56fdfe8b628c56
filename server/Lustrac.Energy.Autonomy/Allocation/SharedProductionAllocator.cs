namespace Lustrac.Energy.Autonomy.Allocation;

/// <summary>
/// Divides one interval's shared production among households. Guarantees for every key:
/// 0 ≤ allocation[h] ≤ demand[h], Σ allocation ≤ production; the remainder is surplus (exported).
/// "Demand" is what the household still needed from the grid in the step after its own PV and battery
/// (see <c>EnergyEngine</c>): allocating more would credit it with energy it did not use.
/// </summary>
public static class SharedProductionAllocator
{
    /// <summary>
    /// Allocates <paramref name="production"/> into <paramref name="allocation"/>. A null demand means the household's
    /// meters are missing for the step: under Static only that household is unknown; under the dynamic keys every
    /// share depends on every demand, so all allocations are unknown (null).
    /// </summary>
    /// <returns>The surplus, or null when the allocation is unknown.</returns>
    public static double? Allocate(double production, ReadOnlySpan<double?> demand, AllocationRule rule, Span<double?> allocation)
    {
        if (allocation.Length != demand.Length) throw new ArgumentException("One allocation slot per household.");
        if (!(production >= 0)) throw new ArgumentOutOfRangeException(nameof(production), "Production must be ≥ 0.");
        if (rule.Key == AllocationKey.Static) return Static(production, demand, rule.StaticShares!, allocation);
        if (production == 0)
        {
            // Nothing to share: every known household gets 0 whatever the others' demand (no reason to lose them).
            for (int h = 0; h < demand.Length; h++) allocation[h] = demand[h].HasValue ? 0 : null;
            return 0;
        }

        Span<double> known = demand.Length <= 256 ? stackalloc double[demand.Length] : new double[demand.Length];
        for (int h = 0; h < demand.Length; h++)
        {
            if (demand[h] is not double d) { allocation.Clear(); return null; }
            known[h] = Math.Max(0, d);
        }
        Span<double> result = demand.Length <= 256 ? stackalloc double[demand.Length] : new double[demand.Length];
        double used = rule.Key switch
        {
            AllocationKey.DefaultDynamic => ProRata(production, known, result),
            AllocationKey.EqualShare => EqualShare(production, known, result),
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
        for (int h = 0; h < result.Length; h++) allocation[h] = result[h];
        return Math.Max(0, production - used);
    }

    private static double? Static(double production, ReadOnlySpan<double?> demand, IReadOnlyList<double> shares, Span<double?> allocation)
    {
        double used = 0;
        bool allKnown = true;
        for (int h = 0; h < demand.Length; h++)
        {
            if (demand[h] is double d)
            {
                double a = Math.Min(shares[h] * production, Math.Max(0, d));
                allocation[h] = a;
                used += a;
            }
            else { allocation[h] = null; allKnown = false; }
        }
        return allKnown ? Math.Max(0, production - used) : null;
    }

    /// <summary>Pro rata of demand; when production covers all demand, everyone gets their demand.</summary>
    internal static double ProRata(double production, ReadOnlySpan<double> demand, Span<double> allocation)
    {
        double total = 0;
        foreach (var d in demand) total += d;
        if (total <= production)
        {
            demand.CopyTo(allocation);
            return total;
        }
        double used = 0;
        for (int h = 0; h < demand.Length; h++)
        {
            // Min guards the rounding of production·d/total against exceeding d.
            allocation[h] = Math.Min(demand[h], production * (demand[h] / total));
            used += allocation[h];
        }
        // Rounding could leave Σ a hair above production; scale the excess away rather than break the guarantee.
        if (used > production)
        {
            double k = production / used;
            used = 0;
            for (int h = 0; h < allocation.Length; h++) { allocation[h] *= k; used += allocation[h]; }
        }
        return used;
    }

    /// <summary>
    /// Water-filling: serving the smallest demands first is equivalent to repeated equal splits with redistribution
    /// (a household whose demand is below the equal share takes its demand and leaves the rest to the others).
    /// </summary>
    internal static double EqualShare(double production, ReadOnlySpan<double> demand, Span<double> allocation)
    {
        int n = demand.Length;
        Span<int> order = n <= 256 ? stackalloc int[n] : new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var copy = demand.ToArray();
        order.Sort((a, b) => copy[a].CompareTo(copy[b]));

        double remaining = production;
        int left = n;
        foreach (int h in order)
        {
            double share = remaining / left;
            double a = Math.Min(demand[h], share);
            allocation[h] = a;
            remaining = Math.Max(0, remaining - a);
            left--;
        }
        return production - remaining;
    }
}
