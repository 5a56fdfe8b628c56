using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;

namespace Lustrac.Energy.Autonomy.Water;

/// <summary>Interval volumes (L) of one household's rainwater and mains meters. A null Rain array means no rainwater supply (0).</summary>
public sealed record HouseholdWaterMeters(string HouseholdId, IntervalValue[] Mains, IntervalValue[]? Rain = null);

public sealed record WaterResult(IntervalGrid Grid, IReadOnlyList<string> HouseholdIds, IntervalRecord<WaterParts>[][] Households, IntervalRecord<WaterParts>[] Neighbourhood);

/// <summary>Per interval rain vs mains; autonomy is computed from summed parts (Σ rain / Σ (rain + mains)) like energy.</summary>
public static class WaterEngine
{
    public static WaterResult Compute(IntervalGrid grid, IReadOnlyList<HouseholdWaterMeters> households)
    {
        int n = households.Count;
        var result = new IntervalRecord<WaterParts>[n][];
        var total = new IntervalRecord<WaterParts>[grid.Count];
        int expected = households.Sum(h => h.Rain is null ? 1 : 2);
        for (int h = 0; h < n; h++)
        {
            var m = households[h];
            if (m.Mains.Length != grid.Count || (m.Rain?.Length ?? grid.Count) != grid.Count)
                throw new ArgumentException($"Household {m.HouseholdId}: every meter series must cover the grid.");
            result[h] = new IntervalRecord<WaterParts>[grid.Count];
        }
        for (int k = 0; k < grid.Count; k++)
        {
            var start = grid.BoundaryUtc(k);
            var sum = default(WaterParts);
            var worst = IntervalQuality.Measured;
            int reporting = 0;
            for (int h = 0; h < n; h++)
            {
                var m = households[h];
                var mains = m.Mains[k];
                var rain = m.Rain is null ? IntervalValue.Measured(0) : m.Rain[k];
                var q = mains.Quality > rain.Quality ? mains.Quality : rain.Quality;
                int meters = m.Rain is null ? 1 : 2;
                int count = (mains.HasValue ? 1 : 0) + (m.Rain is null ? 0 : rain.HasValue ? 1 : 0);
                reporting += count;
                worst = q > worst ? q : worst;
                var parts = q == IntervalQuality.Missing ? default : new WaterParts(rain.Value!.Value, mains.Value!.Value);
                result[h][k] = new(start, parts, q, count, meters);
                sum += parts;
            }
            total[k] = new(start, worst == IntervalQuality.Missing ? default : sum, worst, reporting, expected);
        }
        return new WaterResult(grid, households.Select(h => h.HouseholdId).ToArray(), result, total);
    }
}
