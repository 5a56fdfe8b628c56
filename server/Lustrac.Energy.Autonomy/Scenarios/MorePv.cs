using Lustrac.Energy.Autonomy.Intervals;

namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>
/// The shared production series of a scenario: existing arrays scaled, new arrays added.
/// A new array's profile = clear-sky kWh per kWp × kWp × the site's measured performance ratio (PR), where
/// PR = Σ measured production of the existing arrays ÷ Σ their clear-sky energy (kWp × clear-sky per kWp), over the
/// intervals of the range where they were measured. PR folds in the real clouds, soiling, heat and inverter losses,
/// but only on average over the range: a new array gets the clear-sky shape, so on a cloudy day it produces the
/// range's mean share of its clear sky, not that day's. Over a year the total is right; day by day it is smoother
/// than reality (a cloudy day reads too high, a clear one too low).
/// </summary>
public static class MorePv
{
    public static IntervalValue[][] Apply(ScenarioHistory history, ScenarioChanges changes, out double? performanceRatio)
    {
        var series = history.Arrays.Select(a => a.Production).ToList();
        foreach (var s in changes.ScaledArrays ?? [])
        {
            int i = IndexOf(history, s.ArrayId);
            series[i] = series[i].Select(v => v.Value is double x ? v with { Value = x * s.Factor } : v).ToArray();
        }
        performanceRatio = null;
        var added = changes.AddedArrays ?? [];
        if (added.Count == 0) return series.ToArray();

        performanceRatio = PerformanceRatio(history);
        var grid = history.Grid;
        foreach (var a in added)
        {
            var profile = new IntervalValue[grid.Count];
            for (int k = 0; k < grid.Count; k++)
            {
                double clear = history.ClearSkyKwhPerKwp(grid.BoundaryUtc(k), grid.Length, a.TiltDeg, a.AzimuthDeg);
                profile[k] = IntervalValue.Measured(clear * a.PeakKw * (performanceRatio ?? 0));
            }
            series.Add(profile);
        }
        return series.ToArray();
    }

    /// <summary>Measured ÷ clear-sky energy of the existing arrays over the intervals where they were measured; null without any clear sky.</summary>
    public static double? PerformanceRatio(ScenarioHistory history)
    {
        var grid = history.Grid;
        double measured = 0, clear = 0;
        foreach (var a in history.Arrays)
            for (int k = 0; k < grid.Count; k++)
            {
                if (a.Production[k].Value is not double v) continue;
                measured += v;
                clear += a.PeakKw * history.ClearSkyKwhPerKwp(grid.BoundaryUtc(k), grid.Length, a.TiltDeg, a.AzimuthDeg);
            }
        return clear > 0 ? measured / clear : null;
    }

    internal static int IndexOf(ScenarioHistory history, string arrayId)
    {
        for (int i = 0; i < history.Arrays.Count; i++) if (history.Arrays[i].Id == arrayId) return i;
        throw new ArgumentException($"Scaled array '{arrayId}': no such shared array (known: {string.Join(", ", history.Arrays.Select(a => a.Id))}).");
    }
}
