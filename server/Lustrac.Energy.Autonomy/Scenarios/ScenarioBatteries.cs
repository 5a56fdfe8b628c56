using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;

namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>Where scenario batteries sit in the balance (see README, Scenarios).</summary>
public static class ScenarioBatteries
{
    /// <summary>
    /// A household battery charges from the home's own export (its own PV's surplus) and discharges on what the home
    /// still draws from the grid after its share of shared production: min(import, consumption) − allocated, as read
    /// in <paramref name="before"/>. Its flows become the home's battery meters (its grid meter reads less import
    /// and export) and the engine then recomputes the balance with them.
    /// </summary>
    public static IReadOnlyList<HouseholdMeters> InHouseholds(
        IReadOnlyList<HouseholdMeters> meters, EnergyResult before, IEnumerable<ScenarioBattery> batteries, List<BatteryTrace> traces)
    {
        var result = meters.ToArray();
        var hours = before.Grid.Length.TotalHours;
        foreach (var b in batteries)
        {
            int h = IndexOf(before.HouseholdIds, b.Household!);
            var rows = before.Households[h];
            var surplus = new double?[rows.Length];
            var deficit = new double?[rows.Length];
            for (int k = 0; k < rows.Length; k++)
            {
                if (!rows[k].IsDefined || result[h].Import[k].Value is not double imp || result[h].Export[k].Value is not double exp) continue;
                // Earlier batteries of the same home already took part of this interval's flows: read the meters as they are now.
                surplus[k] = exp;
                deficit[k] = Math.Max(0, Math.Min(imp, rows[k].Parts.Consumption) - rows[k].Parts.Allocated);
            }
            var trace = BatteryDispatch.Run(b, surplus, deficit, hours);
            traces.Add(trace);
            result[h] = WithBattery(result[h], trace);
        }
        return result;
    }

    private static HouseholdMeters WithBattery(HouseholdMeters m, BatteryTrace t)
    {
        int count = m.Import.Length;
        IntervalValue[] Add(IntervalValue[]? series, double[] flow, double sign) => Enumerable.Range(0, count).Select(k =>
        {
            var v = series?[k] ?? IntervalValue.Measured(0);
            return flow[k] == 0 || v.Value is not double x ? v : v with { Value = x + sign * flow[k] };
        }).ToArray();
        return m with
        {
            Import = Add(m.Import, t.Discharged, -1),
            Export = Add(m.Export, t.Charged, -1),
            BatteryCharge = Add(m.BatteryCharge, t.Charged, +1),
            BatteryDischarge = Add(m.BatteryDischarge, t.Discharged, +1),
        };
    }

    internal static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (int i = 0; i < ids.Count; i++) if (ids[i] == id) return i;
        throw new ArgumentException($"Battery in household '{id}': no such household.");
    }
}

/// <summary>
/// Shared batteries on the neighbourhood's balance, interval by interval as the engine hands it on: each charges from
/// the neighbourhood's export and discharges on its import. Neighbourhood: export and import fall by what it took and
/// gave, so locally supplied rises by the discharge and self-consumed by the charge (the engine's rule for any
/// battery). Households: the discharge is shared production of the interval, divided by the site's key over what each
/// home still draws after its allocation (a leftover under the static key is not credited to anyone). Several
/// batteries act in their order, each on the balance the ones before it left.
/// </summary>
public sealed class SharedBatteries(IReadOnlyList<ScenarioBattery> batteries, AllocationRule rule, IntervalGrid grid, IEnergySink next) : IEnergySink
{
    private readonly BatteryRun[] _runs = batteries.Select(b => new BatteryRun(b, grid.Count, grid.Length.TotalHours)).ToArray();
    private double?[] _demand = [], _share = [];

    public IEnumerable<BatteryTrace> Traces => _runs.Select(r => r.Trace);

    public void Interval(int k, Span<IntervalRecord<EnergyParts>> homes, ref IntervalRecord<EnergyParts> nb, double? surplus)
    {
        int n = homes.Length;
        if (_demand.Length != n) (_demand, _share) = (new double?[n], new double?[n]);
        foreach (var run in _runs)
        {
            var (c, d) = run.Step(k, nb.IsDefined ? nb.Parts.Export : null, nb.IsDefined ? nb.Parts.Import : null);
            if (c == 0 && d == 0) continue;
            var p = nb.Parts;
            nb = nb with { Parts = p with
            {
                Import = p.Import - d, Export = p.Export - c, BatteryCharge = p.BatteryCharge + c, BatteryDischarge = p.BatteryDischarge + d,
                LocallySupplied = p.LocallySupplied + d, SelfConsumed = p.SelfConsumed + c,
            } };
            if (d == 0) continue;
            for (int h = 0; h < n; h++)
            {
                var q = homes[h].Parts;
                _demand[h] = homes[h].IsDefined ? Math.Max(0, Math.Min(q.Import, q.Consumption) - q.Allocated) : null;
            }
            SharedProductionAllocator.Allocate(d, _demand, rule, _share);
            for (int h = 0; h < n; h++)
            {
                if (_share[h] is not double a || a == 0) continue;
                var q = homes[h].Parts;
                homes[h] = homes[h] with { Parts = q with
                {
                    Allocated = q.Allocated + a, Production = q.Production + a, LocallySupplied = q.LocallySupplied + a, SelfConsumed = q.SelfConsumed + a,
                } };
            }
        }
        next.Interval(k, homes, ref nb, surplus);
    }
}
