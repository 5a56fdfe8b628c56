using System.Globalization;

namespace Lustrac.Energy.Kiosk.Bench;

/// <summary>The samples as a table, start / end / max figures, and whether the heap stayed flat over the last stretch.</summary>
public static class HeapReport
{
    private static string Mb(double bytes) => (bytes / 1048576).ToString("F2", CultureInfo.InvariantCulture);

    public static string Row(PageSample s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.WallMinutes,6:F1} {s.Simulated:yyyy-MM-dd HH:mm}Z {Mb(s.HeapBytes),9} {s.Nodes,7} {s.Listeners,9} {s.Documents,4} {s.ElementsInPage,8} {s.Clock,6} {s.Intervals,5} {s.FirstDay,-22} {s.Snapshots,6}");

    public const string Header = "  wall   simulated (UTC)    heap MB   nodes listeners docs elements  clock  bars first of 7 days         snaps";

    /// <summary>Least-squares slope of the heap in bytes per wall minute over the samples from <paramref name="fromMinute"/>.</summary>
    public static double Slope(IReadOnlyList<PageSample> samples, double fromMinute)
    {
        var window = samples.Where(s => s.WallMinutes >= fromMinute).ToList();
        if (window.Count < 2) return double.NaN;
        double mx = window.Average(s => s.WallMinutes), my = window.Average(s => (double)s.HeapBytes);
        double sxy = window.Sum(s => (s.WallMinutes - mx) * (s.HeapBytes - my)), sxx = window.Sum(s => (s.WallMinutes - mx) * (s.WallMinutes - mx));
        return sxx == 0 ? double.NaN : sxy / sxx;
    }

    /// <summary>
    /// Flat when the heap's fitted growth over the last stretch (40 minutes of an hour's run, the last two thirds of a
    /// shorter one) is under 5 % of its mean there, or under 256 KB: a leak of one redraw's nodes per snapshot is far more.
    /// </summary>
    public static IEnumerable<string> Summary(IReadOnlyList<PageSample> samples)
    {
        var first = samples[0]; var last = samples[^1];
        var span = last.WallMinutes;
        var from = span >= 60 ? span - 40 : span / 3;
        var slope = Slope(samples, from);
        var window = samples.Where(s => s.WallMinutes >= from).ToList();
        var growth = slope * (span - from);
        var mean = window.Average(s => (double)s.HeapBytes);
        var flat = !double.IsNaN(slope) && (Math.Abs(growth) < 0.05 * mean || Math.Abs(growth) < 256 * 1024);
        yield return string.Create(CultureInfo.InvariantCulture, $"JS heap: start {Mb(first.HeapBytes)} MB, end {Mb(last.HeapBytes)} MB, max {Mb(samples.Max(s => s.HeapBytes))} MB, min {Mb(samples.Min(s => s.HeapBytes))} MB");
        yield return string.Create(CultureInfo.InvariantCulture, $"DOM nodes: start {first.Nodes}, end {last.Nodes}, max {samples.Max(s => s.Nodes)}; listeners: start {first.Listeners}, end {last.Listeners}, max {samples.Max(s => s.Listeners)}");
        yield return string.Create(CultureInfo.InvariantCulture, $"simulated {first.Simulated:yyyy-MM-dd HH:mm}Z → {last.Simulated:yyyy-MM-dd HH:mm}Z ({(last.Simulated - first.Simulated).TotalHours:F1} h), {last.Snapshots - first.Snapshots} snapshots drawn");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"heap slope over wall minutes {from:F0}–{span:F0}: {slope / 1024:F1} KB/min, fitted growth {growth / 1024:F0} KB ({100 * growth / mean:F1} % of its mean) → {(flat ? "FLAT" : "GROWING")}");
    }
}
