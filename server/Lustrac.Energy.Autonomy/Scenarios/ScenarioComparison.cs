using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;

namespace Lustrac.Energy.Autonomy.Scenarios;

public enum ScenarioResolution { Day, Month, Range }

/// <summary>Sums both sides of an outcome by local day, local month or over the whole range, for the neighbourhood and each household.</summary>
public static class ScenarioComparison
{
    public static IReadOnlyList<ScenarioComparisonRow> Compare(ScenarioOutcome o, ScenarioResolution resolution)
    {
        var grid = o.History.Grid;
        var bounds = resolution switch
        {
            ScenarioResolution.Day => LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Day, o.History.Zone),
            ScenarioResolution.Month => LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Month, o.History.Zone),
            _ => (IReadOnlyList<DateTime>)[grid.StartUtc, grid.EndUtc],
        };
        var rows = new List<ScenarioComparisonRow>();
        var compost = CompostByPeriod(o.History.Compost, bounds);
        Add(rows, o, bounds, null, compost);
        for (int h = 0; h < o.History.Households.Count; h++) Add(rows, o, bounds, h, compost);
        return rows;
    }

    private static void Add(List<ScenarioComparisonRow> rows, ScenarioOutcome o, IReadOnlyList<DateTime> bounds, int? h, double?[] compost)
    {
        var len = o.History.Grid.Length;
        string? id = h is int i ? o.History.Households[i].HouseholdId : null;
        var a = Side(o.Actual, bounds, h, id, len, compost);
        var s = Side(o.Scenario, bounds, h, id, len, compost);
        for (int p = 0; p < a.Length; p++) rows.Add(new(bounds[p], bounds[p + 1], id, a[p], s[p]));
    }

    private static ScenarioFigures[] Side(ScenarioRun run, IReadOnlyList<DateTime> bounds, int? h, string? id, TimeSpan len, double?[] compost)
    {
        var energy = run.Energy.ByPeriods(h, bounds);
        // Not every home has water meters: the water side lists its own households, matched by id.
        int wj = id is null || run.Water is null ? -1 : IndexOf(run.Water.Water.HouseholdIds, id);
        var water = run.Water is null || (id is not null && wj < 0) ? null
            : Rollup.ByPeriods<WaterParts>(wj >= 0 ? run.Water.Water.Households[wj] : run.Water.Water.Neighbourhood, bounds, len);
        // The neighbourhood counts every scenario battery; a household only its own.
        var batteries = h is null ? run.Batteries.ToArray() : run.Batteries.Where(b => b.Battery.Household == id).ToArray();
        var result = new ScenarioFigures[energy.Count];
        for (int p = 0; p < energy.Count; p++)
        {
            var (from, to) = ((int)run.Energy.Grid.IndexOf(bounds[p]), (int)run.Energy.Grid.IndexOf(bounds[p + 1]));
            double charged = 0, discharged = 0, cycles = 0;
            foreach (var b in batteries)
            {
                double c = Sum(b.Charged, from, to), d = Sum(b.Discharged, from, to);
                charged += c; discharged += d; cycles += d / b.Battery.CapacityKwh;
            }
            int? dry = run.Water is null || h is not null ? null : run.Water.DryDaysUtc.Count(t => t >= bounds[p] && t < bounds[p + 1]);
            var w = water?[p];
            result[p] = new ScenarioFigures(energy[p].Sum, w is null || w.Present == 0 ? null : w.Sum, dry, charged, discharged, cycles,
                compost[p], energy[p].Present, energy[p].Expected);
        }
        return result;
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (int i = 0; i < ids.Count; i++) if (ids[i] == id) return i;
        return -1;
    }

    private static double Sum(double[] x, int from, int to)
    {
        double s = 0;
        for (int k = Math.Max(0, from); k < Math.Min(x.Length, to); k++) s += x[k];
        return s;
    }

    private static double?[] CompostByPeriod(IReadOnlyList<CompostDay>? days, IReadOnlyList<DateTime> bounds)
    {
        var result = new double?[bounds.Count - 1];
        if (days is null) return result;
        for (int p = 0; p < result.Length; p++)
        {
            double diverted = 0, total = 0;
            foreach (var d in days.Where(d => d.DayStartUtc >= bounds[p] && d.DayStartUtc < bounds[p + 1])) { diverted += d.DivertedKg; total += d.TotalKg; }
            result[p] = Energy.Ratio.Clamped(diverted, total);
        }
        return result;
    }
}
