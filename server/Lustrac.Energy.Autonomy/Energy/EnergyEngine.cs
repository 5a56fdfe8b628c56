using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;

namespace Lustrac.Energy.Autonomy.Energy;

/// <summary>Per-interval energy balances of every household and of the neighbourhood under one allocation rule.</summary>
/// <param name="Surplus">Shared production left after allocation (exported), per interval; null when unknown.</param>
public sealed record EnergyResult(
    IntervalGrid Grid,
    IReadOnlyList<string> HouseholdIds,
    IntervalRecord<EnergyParts>[][] Households,
    IntervalRecord<EnergyParts>[] Neighbourhood,
    double?[] Surplus);

/// <summary>
/// The energy balance, interval by interval. Definitions (kWh per interval; see README):
/// <list type="bullet">
/// <item>household consumption C = import + own PV − export + discharge − charge (clamped at 0: a negative value
/// only comes from meters read at slightly different instants);</item>
/// <item>demand left for shared production R = min(import, C) ≥ 0 — what the grid meter drew for the home's own
/// load (a battery charging from the grid is not a load and gets no allocation);</item>
/// <item>household locally supplied = C − import + allocated, self-consumed = own PV − export + allocated,
/// production = own PV + allocated, so SS = 1 − (import − allocated)/C as in DOMAIN.md;</item>
/// <item>neighbourhood: energy exchanged between homes is local. Net grid need = ΣC + Σcharge − (ΣPV + shared)
/// − Σdischarge; import = max(0, net), export = max(0, −net). Locally supplied = ΣC − import, self-consumed =
/// production − export; with no battery both equal min(production, consumption) as DOMAIN.md requires.</item>
/// </list>
/// </summary>
public static class EnergyEngine
{
    public static EnergyResult Compute(NeighbourhoodMeters meters, AllocationRule rule)
    {
        var recorder = new EnergyRecorder(meters.Grid, meters.Households.Select(h => h.HouseholdId).ToArray());
        Run(meters, rule, recorder);
        return recorder.Result;
    }

    /// <summary>The same balance handed to <paramref name="sink"/> interval by interval, in grid order.</summary>
    public static void Run(NeighbourhoodMeters meters, AllocationRule rule, IEnergySink sink)
    {
        var grid = meters.Grid;
        int n = meters.Households.Count;
        rule.Validate(n);
        foreach (var h in meters.Households) CheckLengths(h, grid.Count);
        foreach (var s in meters.SharedProduction)
            if (s.Length != grid.Count) throw new ArgumentException("Every shared production series must cover the grid.");

        var households = new IntervalRecord<EnergyParts>[n];
        int metersExpected = meters.SharedProduction.Count + meters.Households.Sum(h => h.MeterCount);

        var flows = new HouseholdFlows[n];
        var demand = new double?[n];
        var allocation = new double?[n];
        for (int k = 0; k < grid.Count; k++)
        {
            var start = grid.BoundaryUtc(k);
            int reporting = 0;
            var sharedQuality = IntervalQuality.Measured;
            double shared = 0;
            foreach (var s in meters.SharedProduction)
            {
                sharedQuality = Worst(sharedQuality, s[k].Quality);
                if (s[k].Value is double v) { shared += v; reporting++; }
            }
            bool sharedKnown = sharedQuality != IntervalQuality.Missing;

            for (int h = 0; h < n; h++)
            {
                flows[h] = HouseholdFlows.Read(meters.Households[h], k, ref reporting);
                demand[h] = flows[h].Known ? flows[h].Demand : null;
            }

            double? left = sharedKnown
                ? SharedProductionAllocator.Allocate(shared, demand, rule, allocation)
                : null;
            if (!sharedKnown) Array.Fill(allocation, null);

            bool allKnown = sharedKnown;
            var worst = sharedQuality;
            double c = 0, p = shared, ch = 0, d = 0, allocated = 0;
            for (int h = 0; h < n; h++)
            {
                var f = flows[h];
                var q = Worst(f.Quality, sharedQuality);
                worst = Worst(worst, f.Quality);
                int hm = meters.Households[h].MeterCount;
                if (!f.Known || allocation[h] is not double a)
                {
                    allKnown = false;
                    households[h] = new(start, default, IntervalQuality.Missing, f.Reporting, hm);
                    continue;
                }
                households[h] = new(start, new EnergyParts(
                    Consumption: f.Consumption,
                    Production: f.OwnProduction + a,
                    Import: f.Import,
                    Export: f.Export,
                    BatteryCharge: f.Charge,
                    BatteryDischarge: f.Discharge,
                    Allocated: a,
                    LocallySupplied: f.Consumption - f.Import + a,
                    SelfConsumed: f.OwnProduction - f.Export + a), q, f.Reporting, hm);
                c += f.Consumption; p += f.OwnProduction; ch += f.Charge; d += f.Discharge; allocated += a;
            }

            IntervalRecord<EnergyParts> neighbourhood;
            if (!allKnown)
            {
                neighbourhood = new(start, default, IntervalQuality.Missing, reporting, metersExpected);
                sink.Interval(k, households, ref neighbourhood, left);
                continue;
            }
            double net = c + ch - p - d;
            double import = Math.Max(0, net), export = Math.Max(0, -net);
            neighbourhood = new(start, new EnergyParts(
                Consumption: c,
                Production: p,
                Import: import,
                Export: export,
                BatteryCharge: ch,
                BatteryDischarge: d,
                Allocated: allocated,
                LocallySupplied: c - import,
                SelfConsumed: p - export), worst, reporting, metersExpected);
            sink.Interval(k, households, ref neighbourhood, left);
        }
    }

    /// <summary>Computes the same history under each key, for comparing keys on real data.</summary>
    public static IReadOnlyDictionary<AllocationKey, EnergyResult> CompareKeys(NeighbourhoodMeters meters, IEnumerable<AllocationRule> rules) =>
        rules.ToDictionary(r => r.Key, r => Compute(meters, r));

    private static IntervalQuality Worst(IntervalQuality a, IntervalQuality b) => a > b ? a : b;

    private static void CheckLengths(HouseholdMeters h, int count)
    {
        bool ok = h.Import.Length == count && h.Export.Length == count
            && (h.OwnProduction?.Length ?? count) == count
            && (h.BatteryCharge?.Length ?? count) == count
            && (h.BatteryDischarge?.Length ?? count) == count;
        if (!ok) throw new ArgumentException($"Household {h.HouseholdId}: every meter series must cover the grid.");
    }

    /// <summary>One household's flows in one interval, before allocation.</summary>
    private readonly record struct HouseholdFlows(
        bool Known, IntervalQuality Quality, int Reporting,
        double Import, double Export, double OwnProduction, double Charge, double Discharge)
    {
        public double Consumption => Math.Max(0, Import + OwnProduction - Export + Discharge - Charge);
        public double Demand => Math.Max(0, Math.Min(Import, Consumption));

        public static HouseholdFlows Read(HouseholdMeters m, int k, ref int reporting)
        {
            var q = IntervalQuality.Measured;
            int count = 0;
            double Take(IntervalValue[]? series)
            {
                if (series is null) return 0; // no such asset
                var v = series[k];
                if (v.Quality > q) q = v.Quality;
                if (v.Value is double x) { count++; return x; }
                return 0;
            }
            double i = Take(m.Import), e = Take(m.Export), pv = Take(m.OwnProduction), ch = Take(m.BatteryCharge), d = Take(m.BatteryDischarge);
            reporting += count;
            return new HouseholdFlows(q != IntervalQuality.Missing, q, count, i, e, pv, ch, d);
        }
    }
}
