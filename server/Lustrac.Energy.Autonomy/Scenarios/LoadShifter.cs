using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;

namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>
/// Flexible load moved, within each local day, into the intervals with surplus. Per household and day:
/// the pool = share × its consumption in the day's intervals without neighbourhood surplus. Each surplus interval
/// (in time order) is divided among the households still holding a pool by the engine's equal-share allocator, each
/// capped at min(its pool left, the maximum per interval); the whole surplus is the cap of the sum. What a
/// household moved leaves its source intervals pro rata of their flexible part. Intervals with an unknown balance
/// are neither source nor target. The home's grid meter follows its new load: import − export + Δ, split into
/// import and export again (only in the intervals that changed).
/// </summary>
public static class LoadShifter
{
    public static IReadOnlyList<Energy.HouseholdMeters> Apply(ScenarioHistory history, EnergyResult before, LoadShift shift, out double[] movedKwh)
    {
        var grid = history.Grid;
        int n = before.HouseholdIds.Count;
        var delta = new double[n][];
        for (int h = 0; h < n; h++) delta[h] = new double[grid.Count];
        movedKwh = new double[n];
        var days = LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Day, history.Zone);
        var pool = new double[n];
        var demand = new double?[n];
        var take = new double?[n];
        for (int d = 0; d + 1 < days.Count; d++)
        {
            int from = (int)Math.Max(0, grid.IndexOf(days[d])), to = (int)Math.Min(grid.Count, grid.IndexOf(days[d + 1]));
            Array.Clear(pool);
            for (int k = from; k < to; k++)
            {
                if (!IsSource(before, k)) continue;
                for (int h = 0; h < n; h++) pool[h] += shift.Share * before.Households[h][k].Parts.Consumption;
            }
            var left = (double[])pool.Clone();
            for (int k = from; k < to; k++)
            {
                var nb = before.Neighbourhood[k];
                if (!nb.IsDefined || nb.Parts.Export <= 0) continue;
                for (int h = 0; h < n; h++) demand[h] = Math.Min(left[h], shift.MaxKwhPerInterval);
                SharedProductionAllocator.Allocate(nb.Parts.Export, demand, AllocationRule.EqualShare, take);
                for (int h = 0; h < n; h++) { delta[h][k] += take[h]!.Value; left[h] -= take[h]!.Value; }
            }
            for (int h = 0; h < n; h++)
            {
                double moved = pool[h] - left[h];
                movedKwh[h] += moved;
                if (moved <= 0) continue;
                double fraction = moved / pool[h];
                for (int k = from; k < to; k++)
                    if (IsSource(before, k)) delta[h][k] -= fraction * shift.Share * before.Households[h][k].Parts.Consumption;
            }
        }
        return history.Households.Select((m, h) => Shifted(m, delta[h])).ToArray();
    }

    /// <summary>A source interval: its balance is known and the neighbourhood had no surplus.</summary>
    private static bool IsSource(EnergyResult before, int k) =>
        before.Neighbourhood[k].IsDefined && before.Neighbourhood[k].Parts.Export <= 0;

    private static Energy.HouseholdMeters Shifted(Energy.HouseholdMeters m, double[] delta)
    {
        var import = (IntervalValue[])m.Import.Clone();
        var export = (IntervalValue[])m.Export.Clone();
        for (int k = 0; k < delta.Length; k++)
        {
            if (delta[k] == 0 || import[k].Value is not double i || export[k].Value is not double e) continue;
            double net = i - e + delta[k];
            import[k] = import[k] with { Value = Math.Max(0, net) };
            export[k] = export[k] with { Value = Math.Max(0, -net) };
        }
        return m with { Import = import, Export = export };
    }
}
