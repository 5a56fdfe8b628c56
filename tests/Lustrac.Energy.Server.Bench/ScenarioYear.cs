using System.Diagnostics;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
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
        var allocated = new List<double>();
        var paused = new List<double>();
        IReadOnlyList<ScenarioComparisonRow>? rows = null;
        ScenarioOutcome? outcome = null;
        for (int run = 0; run < 5; run++)
        {
            // A server answers each request afresh: the previous run's outcome is not kept alive while this one runs.
            (outcome, rows) = (null, null);
            long bytes0 = GC.GetTotalAllocatedBytes(precise: true);
            var pause0 = GC.GetTotalPauseDuration();
            var sw = Stopwatch.StartNew();
            var history = await StoredHistory.LoadAsync(results, plan, site, fromUtc, toUtc, CancellationToken.None);
            loads.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            outcome = ScenarioEngine.Run(history, Changes);
            rows = ScenarioComparison.Compare(outcome, ScenarioResolution.Month);
            computes.Add(sw.Elapsed.TotalMilliseconds);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytes0) / 1e6);
            paused.Add((GC.GetTotalPauseDuration() - pause0).TotalMilliseconds);
        }
        var firstRun = loads[0] + computes[0];
        var totals = loads.Zip(computes, (a, b) => a + b).Order().ToList();
        Console.WriteLine($"1c. year-long scenario (pv-atelier × 1.5, + 6 kWp, 100 kWh shared battery) for {plan.Households.Count} households, by month: " +
            $"total best {totals[0]:F0} ms, median {totals[2]:F0} ms, first run {firstRun:F0} ms (read best {loads.Min():F0} ms, compute best {computes.Min():F0} ms; goal ≤ 1000 ms)");
        Console.WriteLine($"    runs (read + compute, ms): {string.Join(" / ", loads.Zip(computes, (a, b) => $"{a:F0} + {b:F0}"))}");
        // GC.GetTotalAllocatedBytes was seen once to go backwards between two calls (Server GC): such a run prints "?".
        Console.WriteLine($"    allocated per run (MB): {string.Join(" / ", allocated.Select(a => a >= 0 ? a.ToString("F0") : "?"))}; GC paused (ms): {string.Join(" / ", paused.Select(a => a.ToString("F0")))}");
        if (raw is not null)
        {
            // The same profile queries straight to InfluxDB, bytes thrown away: what the store itself costs.
            var parts = StoredEnergy.ProfileReads(outcome!.History.Grid, plan.Zone);
            var alone = new List<double>();
            for (int run = 0; run < 5; run++) alone.Add(await raw.TimeProfilesAsync(site.Site.Id, parts));
            Console.WriteLine($"    InfluxDB alone returning the {parts.Count} profile queries side by side: best {alone.Min():F0} ms, median {alone.Order().ElementAt(2):F0} ms " +
                $"→ the scenario's read is {loads.Min() / alone.Min():F1}× InfluxDB's own time (best against best)");
        }
        Breakdown(outcome!.History);
        var energyReads = new List<double>();
        for (int run = 0; run < 5; run++)
        {
            var sw = Stopwatch.StartNew();
            await StoredEnergy.LoadAsync(results, plan, outcome.History.Grid, CancellationToken.None);
            energyReads.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"    the energy intervals alone (StoredEnergy.LoadAsync), best / median of 5: {energyReads.Min():F0} / {energyReads.Order().ElementAt(2):F0} ms");
        var profileReads = new List<double>();
        var profileParts = StoredEnergy.ProfileReads(outcome.History.Grid, plan.Zone);
        for (int run = 0; run < 5; run++)
        {
            var sw = Stopwatch.StartNew();
            await Task.WhenAll(profileParts.Select(p => Task.Run(() => results.ReadEnergyProfilesAsync(p.From, p.To, CancellationToken.None))));
            profileReads.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"    the profile rows alone (ReadEnergyProfilesAsync × {profileParts.Count}, side by side, not unpacked), best / median of 5: {profileReads.Min():F0} / {profileReads.Order().ElementAt(2):F0} ms");
        var year = ScenarioComparison.Compare(outcome!, ScenarioResolution.Range).Single(r => r.Household is null);
        var battery = outcome!.Scenario.Batteries.Single();
        Console.WriteLine($"    neighbourhood: SS {year.Actual.SelfSufficiency:P1} → {year.Scenario.SelfSufficiency:P1} ({year.Change.SelfSufficiencyPoints:+0.0;-0.0} pts), " +
            $"import {year.Actual.Energy.Import:N0} → {year.Scenario.Energy.Import:N0} kWh; battery delivered {battery.DischargedKwh:N0} kWh, " +
            $"{battery.EquivalentFullCycles:N0} cycles; performance ratio {outcome.Scenario.PerformanceRatio:P1}; {rows!.Count} rows");
    }

    /// <summary>Each step of the engine alone, one after the other on one thread (best of 5): where the compute goes.</summary>
    private static void Breakdown(ScenarioHistory history)
    {
        var steps = new Dictionary<string, List<double>>();
        void Time(string name, Action step)
        {
            var sw = Stopwatch.StartNew();
            step();
            (steps.TryGetValue(name, out var l) ? l : steps[name] = []).Add(sw.Elapsed.TotalMilliseconds);
        }
        var ids = history.Households.Select(h => h.HouseholdId).ToArray();
        for (int run = 0; run < 5; run++)
        {
            DailyEnergy? actual = null, scenario = null;
            IntervalValue[][]? shared = null;
            Time("actual balance, by day", () =>
            {
                var days = new DailyEnergySink(history.Grid, history.Zone, ids);
                EnergyEngine.Run(history.Meters, history.Allocation, days);
                actual = days.Finish();
            });
            Time("more PV", () => shared = MorePv.Apply(history, Changes, out _));
            Time("scenario balance with the battery, by day", () =>
            {
                var days = new DailyEnergySink(history.Grid, history.Zone, ids);
                EnergyEngine.Run(new NeighbourhoodMeters(history.Grid, history.Households, shared!), history.Allocation,
                    new SharedBatteries(Changes.Batteries!, history.Allocation, history.Grid, days));
                scenario = days.Finish();
            });
            // What keeping every interval costs (the engine's EnergyResult, ~100 MB for the year): the balance before this change.
            Time("the same balance kept interval by interval", () => EnergyEngine.Compute(new NeighbourhoodMeters(history.Grid, history.Households, shared!), history.Allocation));
            var outcome = new ScenarioOutcome(history, new ScenarioRun(actual!, null, [], null, null), new ScenarioRun(scenario!, null, [], null, null));
            Time("compare by month", () => ScenarioComparison.Compare(outcome, ScenarioResolution.Month));
        }
        Console.WriteLine($"    compute steps alone, best / median of 5 (ms): {string.Join("; ", steps.Select(s => $"{s.Key} {s.Value.Min():F0} / {s.Value.Order().ElementAt(2):F0}"))}");
    }
}
