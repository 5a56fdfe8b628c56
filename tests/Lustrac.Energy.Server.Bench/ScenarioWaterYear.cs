using System.Diagnostics;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Scenarios;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scenarios;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Bench;

/// <summary>
/// 1d. The year-long scenario of 1c on the site as it will be: every home with a mains water meter. The sample site
/// has none, so this adds one per home to its file and stores a year of synthetic <c>water_interval</c> rows for the
/// 30 homes (about a million rows; the water side has no day profiles, it is read from these rows). Not a goal: it
/// says what the field's year-long scenario costs.
/// </summary>
internal static class ScenarioWaterYear
{
    public static async Task RunAsync(IAutonomyStore results, SiteModel site, DateTime fromUtc, DateTime toUtc)
    {
        var watered = WithWaterMeters(site);
        var plan = SitePlan.From(watered);
        var grid = IntervalGrid.Covering(fromUtc, toUtc, plan.IntervalMinutes);
        var sw = Stopwatch.StartNew();
        var months = Autonomy.Rollups.LocalCalendar.Boundaries(fromUtc, toUtc, Autonomy.Rollups.LocalCalendar.Period.Month, TimeZoneInfo.Utc);
        long written = 0;
        foreach (var (first, second) in months.Zip(months.Skip(1)))
        {
            var (from, to) = (first < fromUtc ? fromUtc : first, second > toUtc ? toUtc : second);
            var rows = new List<WaterIntervalRow>();
            for (long k = grid.IndexOf(from); k < grid.IndexOf(to); k++)
            {
                var start = grid.BoundaryUtc((int)k);
                // A home draws a few litres a quarter-hour by day, none at night.
                double litres = start.Hour is >= 6 and < 22 ? 3 + (k % 7) : 0;
                foreach (var h in plan.Households) rows.Add(new WaterIntervalRow(start, h.Id, new WaterParts(0, litres), IntervalQuality.Measured, 1, 1));
            }
            written += rows.Count;
            await results.ReplaceAsync(new AutonomyResults(from, to, [], rows, [], []) { NeverStored = true }, CancellationToken.None);
        }
        Console.WriteLine($"1d. the same scenario with a mains water meter in each of the {plan.Households.Count} homes: wrote {written:N0} water_interval rows in {sw.Elapsed.TotalSeconds:F1} s (setup)");

        var loads = new List<double>();
        var computes = new List<double>();
        ScenarioOutcome? outcome = null;
        for (int run = 0; run < 5; run++)
        {
            outcome = null;
            sw.Restart();
            var history = await StoredHistory.LoadAsync(results, plan, watered, fromUtc, toUtc, CancellationToken.None);
            loads.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            outcome = ScenarioEngine.Run(history, ScenarioYear.Changes);
            ScenarioComparison.Compare(outcome, ScenarioResolution.Month);
            computes.Add(sw.Elapsed.TotalMilliseconds);
        }
        var totals = loads.Zip(computes, (a, b) => a + b).Order().ToList();
        var water = ScenarioComparison.Compare(outcome!, ScenarioResolution.Range).Single(r => r.Household is null).Actual.Water;
        Console.WriteLine($"    total best {totals[0]:F0} ms, median {totals[2]:F0} ms; runs (read + compute, ms): " +
            string.Join(" / ", loads.Zip(computes, (a, b) => $"{a:F0} + {b:F0}")) + $"; mains water of the year {water?.Mains:N0} L");
    }

    /// <summary>The site file with a water_pulse meter (role water_mains) for each home, on its own gateway's GPIO.</summary>
    private static SiteModel WithWaterMeters(SiteModel site)
    {
        var yaml = File.ReadAllText(RepositoryPaths.SampleSite).TrimEnd() + "\n";
        foreach (var (h, i) in site.Households.Select((h, i) => (h, i)))
        {
            var gateway = site.Devices.First(d => d.Household == h.Id).Gateway;
            yaml += $"  - id: {h.Id}-water\n    gateway: {gateway}\n    kind: {DeviceKinds.WaterPulse}\n    bus: gpio://{5 + i % 10}\n" +
                $"    role: {Roles.WaterMains}\n    household: {h.Id}\n";
        }
        return SiteLoader.Parse(yaml);
    }
}
