using System.Diagnostics;
using Lustrac.Energy.Autonomy.Scenarios;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Scenarios;

namespace Lustrac.Energy.Server.Bench;

/// <summary>
/// A year-long scenario as GET /api/scenarios/{id}/result computes it: the year's stored interval rows read back for
/// the 30 households and the neighbourhood (<see cref="StoredHistory"/>: whole days from their <c>energy_profile</c> rows,
/// the last, unclosed day from its interval rows; no cache, every run reads the store), then the engine with the workshop roof × 1.5,
/// a new 6 kWp array and a 100 kWh / 50 kW / 90 % shared battery, summed by month for every scope. Prints the figures and the times.
/// </summary>
internal static class ScenarioYear
{
    public static readonly ScenarioChanges Changes = new(
        ScaledArrays: [new ScaledArray("pv-atelier", 1.5)],
        AddedArrays: [new AddedArray("workshop extension", 6, 30, 180)],
        Batteries: [new ScenarioBattery("shared", null, 100, 50, 0.9, 0.1)]);

    public static async Task RunAsync(IAutonomyStore results, SitePlan plan, SiteModel site, DateTime fromUtc, DateTime toUtc, RawInfluxQuery? raw)
    {
        var loads = new List<double>();
        var computes = new List<double>();
        IReadOnlyList<ScenarioComparisonRow>? rows = null;
        ScenarioOutcome? outcome = null;
        for (int run = 0; run < 5; run++)
        {
            // A server answers each request afresh: the previous run's outcome is not kept alive while this one runs.
            (outcome, rows) = (null, null);
            var sw = Stopwatch.StartNew();
            var history = await StoredHistory.LoadAsync(results, plan, site, fromUtc, toUtc, CancellationToken.None);
            loads.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            outcome = ScenarioEngine.Run(history, Changes);
            rows = ScenarioComparison.Compare(outcome, ScenarioResolution.Month);
            computes.Add(sw.Elapsed.TotalMilliseconds);
        }
        var firstRun = loads[0] + computes[0];
        var totals = loads.Zip(computes, (a, b) => a + b).Order().ToList();
        Console.WriteLine($"1c. year-long scenario (pv-atelier × 1.5, + 6 kWp, 100 kWh shared battery) for {plan.Households.Count} households, by month: " +
            $"total best {totals[0]:F0} ms, median {totals[2]:F0} ms, first run {firstRun:F0} ms (read best {loads.Min():F0} ms, compute best {computes.Min():F0} ms; goal ≤ 1000 ms)");
        Console.WriteLine($"    runs (read + compute, ms): {string.Join(" / ", loads.Zip(computes, (a, b) => $"{a:F0} + {b:F0}"))}");
        if (raw is not null)
        {
            // The same profile queries straight to InfluxDB, bytes thrown away: what the store itself costs.
            var parts = StoredEnergy.ProfileReads(outcome!.History.Grid, plan.Zone);
            var alone = new List<double>();
            for (int run = 0; run < 5; run++) alone.Add(await raw.TimeProfilesAsync(site.Site.Id, parts));
            Console.WriteLine($"    InfluxDB alone returning the {parts.Count} profile queries side by side: best {alone.Min():F0} ms, median {alone.Order().ElementAt(2):F0} ms " +
                $"→ the scenario's read is {loads.Min() / alone.Min():F1}× InfluxDB's own time (best against best)");
        }
        var year = ScenarioComparison.Compare(outcome!, ScenarioResolution.Range).Single(r => r.Household is null);
        var battery = outcome!.Scenario.Batteries.Single();
        Console.WriteLine($"    neighbourhood: SS {year.Actual.SelfSufficiency:P1} → {year.Scenario.SelfSufficiency:P1} ({year.Change.SelfSufficiencyPoints:+0.0;-0.0} pts), " +
            $"import {year.Actual.Energy.Import:N0} → {year.Scenario.Energy.Import:N0} kWh; battery delivered {battery.DischargedKwh:N0} kWh, " +
            $"{battery.EquivalentFullCycles:N0} cycles; performance ratio {outcome.Scenario.PerformanceRatio:P1}; {rows!.Count} rows");
    }
}
