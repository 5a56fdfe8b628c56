using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Quantities;
using BalanceFeeds = Lustrac.Energy.Protocol.Site.BalanceFeeds;
using RoleFeed = Lustrac.Energy.Protocol.Site.RoleFeed;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

/// <summary>
/// Stored readings → engine inputs → result rows, for one grid of canonical intervals. Pure: the I/O is in
/// <see cref="SiteReadingLoader"/> and <see cref="IAutonomyStore"/>.
/// </summary>
public static class FigureComputation
{
    /// <param name="turnings">Recorded turnings of every pile over <see cref="CompostWindow"/> before the grid's end.</param>
    public static AutonomyResults Compute(SitePlan plan, SiteReadings readings, IntervalGrid grid, IReadOnlyList<CompostTurning>? turnings = null)
    {
        var counters = new CounterCache(readings, grid, plan.Counters);
        var energy = EnergyEngine.Compute(EnergyInputs(plan, counters), plan.Allocation);
        return new AutonomyResults(grid.StartUtc, grid.EndUtc,
            MetersNotCounters(EnergyRows(energy), plan, counters),
            WaterRows(plan, counters, grid),
            TankStates.Compute(plan, readings, counters, grid),
            CompostRows(plan, readings, grid, turnings ?? []))
        {
            Events = CounterEvents.Rows(counters),
        };
    }

    /// <summary>How far back a pile's status looks: the longest rule's duration plus a day (probe readings and turnings alike).</summary>
    public static TimeSpan CompostWindow(SitePlan plan) =>
        (plan.Piles.Count > 0 ? plan.Piles.Max(p => p.Rule.Duration) : TimeSpan.Zero) + TimeSpan.FromDays(1);

    public static NeighbourhoodMeters EnergyInputs(SitePlan plan, CounterCache counters) => new(
        counters.Grid,
        plan.Households.Select(h => new HouseholdMeters(
            h.Id,
            counters.Sum(QuantityNames.EnergyImport, h.Meters),
            counters.Sum(QuantityNames.EnergyExport, h.Meters),
            h.OwnPv.Length > 0 ? counters.Sum(QuantityNames.EnergyProduced, h.OwnPv) : null,
            h.Batteries.Length > 0 ? counters.Sum(QuantityNames.EnergyCharged, h.Batteries) : null,
            h.Batteries.Length > 0 ? counters.Sum(QuantityNames.EnergyDischarged, h.Batteries) : null)).ToArray(),
        plan.SharedProduction.Select(d => counters.Of(QuantityNames.EnergyProduced, d)).ToArray());

    /// <summary>The same history under each allocation key (static only when the site defines static shares).</summary>
    public static IReadOnlyDictionary<AllocationKey, EnergyResult> CompareKeys(SitePlan plan, SiteReadings readings, IntervalGrid grid, AllocationRule? staticRule)
    {
        var inputs = EnergyInputs(plan, new CounterCache(readings, grid, plan.Counters));
        var rules = new List<AllocationRule> { AllocationRule.DefaultDynamic, AllocationRule.EqualShare };
        if (staticRule is not null) rules.Insert(0, staticRule);
        return EnergyEngine.CompareKeys(inputs, rules);
    }

    public static List<EnergyIntervalRow> EnergyRows(EnergyResult energy)
    {
        var rows = new List<EnergyIntervalRow>((energy.HouseholdIds.Count + 1) * energy.Grid.Count);
        for (int k = 0; k < energy.Grid.Count; k++)
        {
            double ownTotal = 0;
            for (int h = 0; h < energy.HouseholdIds.Count; h++)
            {
                var r = energy.Households[h][k];
                double own = r.Parts.Production - r.Parts.Allocated; // household production = own PV + allocated
                ownTotal += own;
                rows.Add(new EnergyIntervalRow(r.StartUtc, energy.HouseholdIds[h], r.Parts, own, r.Quality, r.MetersReporting, r.MetersExpected));
            }
            var n = energy.Neighbourhood[k];
            rows.Add(new EnergyIntervalRow(n.StartUtc, null, n.Parts, ownTotal, n.Quality, n.MetersReporting, n.MetersExpected));
        }
        return rows;
    }

    /// <summary>
    /// Coverage counts meters (devices), not counters: a grid meter with its import and export counters is one meter,
    /// reporting in an interval when every counter of it the balance uses has a value there.
    /// </summary>
    public static List<EnergyIntervalRow> MetersNotCounters(List<EnergyIntervalRow> rows, SitePlan plan, CounterCache counters)
    {
        var grid = counters.Grid;
        bool Reports(int k, string device, RoleFeed feed) => feed.Counters.All(q => counters.Of(q, device)[k].HasValue);
        int perInterval = plan.Households.Count + 1, i = 0;
        for (int k = 0; k < grid.Count; k++)
        {
            int totalReporting = 0, totalExpected = 0;
            foreach (var h in plan.Households)
            {
                int reporting = h.Meters.Count(d => Reports(k, d, BalanceFeeds.HouseholdMeter))
                    + h.OwnPv.Count(d => Reports(k, d, BalanceFeeds.HouseholdPv))
                    + h.Batteries.Count(d => Reports(k, d, BalanceFeeds.Battery));
                int expected = h.Meters.Length + h.OwnPv.Length + h.Batteries.Length;
                rows[i] = rows[i] with { MetersReporting = reporting, MetersExpected = expected };
                (totalReporting, totalExpected, i) = (totalReporting + reporting, totalExpected + expected, i + 1);
            }
            int shared = plan.SharedProduction.Count(d => Reports(k, d, BalanceFeeds.SharedPv));
            rows[i] = rows[i] with { MetersReporting = totalReporting + shared, MetersExpected = totalExpected + plan.SharedProduction.Length };
            i++;
        }
        if (i != rows.Count || perInterval * grid.Count != rows.Count) throw new InvalidOperationException("energy rows do not match the site plan");
        return rows;
    }

    private static List<WaterIntervalRow> WaterRows(SitePlan plan, CounterCache counters, IntervalGrid grid)
    {
        var homes = plan.Households.Where(h => h.HasWater).ToArray();
        if (homes.Length == 0) return [];
        // A home with a rain meter but no mains meter has no mains supply to count: 0, not unknown.
        var zero = Enumerable.Repeat(IntervalValue.Measured(0), grid.Count).ToArray();
        var result = WaterEngine.Compute(grid, homes.Select(h => new HouseholdWaterMeters(h.Id,
            h.WaterMains.Length > 0 ? counters.Sum(QuantityNames.WaterVolume, h.WaterMains) : zero,
            h.WaterRain.Length > 0 ? counters.Sum(QuantityNames.WaterVolume, h.WaterRain) : null)).ToArray());
        var rows = new List<WaterIntervalRow>((homes.Length + 1) * grid.Count);
        for (int k = 0; k < grid.Count; k++)
        {
            for (int h = 0; h < homes.Length; h++)
            {
                var r = result.Households[h][k];
                rows.Add(new WaterIntervalRow(r.StartUtc, homes[h].Id, r.Parts, r.Quality, r.MetersReporting, r.MetersExpected));
            }
            var n = result.Neighbourhood[k];
            rows.Add(new WaterIntervalRow(n.StartUtc, null, n.Parts, n.Quality, n.MetersReporting, n.MetersExpected));
        }
        return rows;
    }

    /// <summary>One status per pile, judged at the end of the grid on the readings and turnings of the rule's duration plus a day.</summary>
    private static List<CompostStatusRow> CompostRows(SitePlan plan, SiteReadings readings, IntervalGrid grid, IReadOnlyList<CompostTurning> turnings)
    {
        var rows = new List<CompostStatusRow>();
        if (grid.Count == 0) return rows;
        foreach (var pile in plan.Piles.Where(p => p.Probes.Length > 0))
        {
            var probes = pile.Probes.SelectMany(p => readings.Of(QuantityNames.Temperature, p)
                .Select(r => new ProbeReading(SiteReadings.ToUtc(r.TimeMs), p, r.Value)));
            var turned = turnings.Where(t => t.Pile == pile.Id).Select(t => t.TimeUtc);
            var a = SanitisationAssessor.Assess(pile.Id, probes, pile.Rule, turned, expectedProbes: pile.Probes, asOfUtc: grid.EndUtc);
            double? coolest = a.Register.Count > 0 ? a.Register[^1].CoolestC : null;
            rows.Add(new CompostStatusRow(grid.BoundaryUtc(grid.Count - 1), pile.Id, a.Status, CompostProgress.Of(a), coolest, pile.Rule.Id,
                a.CurrentRun?.Turnings ?? 0));
        }
        return rows;
    }
}
