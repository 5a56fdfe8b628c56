using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Energy;

public class EnergyBalanceGoldenTests
{
    private static readonly IntervalGrid Grid = new(Utc(2026, 6, 1, 3), 4);

    /// <summary>
    /// k0 night: import 2.0 of which 1.5 charges the battery. k1: battery 0.6 + grid 0.1. k2: battery 0.5 alone.
    /// k3: PV 1.0, export 0.3, charge 0.2.
    /// </summary>
    private static NeighbourhoodMeters GridChargedBattery() => new(Grid,
        [new HouseholdMeters("h01",
            Import: M(2.0, 0.1, 0.0, 0.0),
            Export: M(0.0, 0.0, 0.0, 0.3),
            OwnProduction: M(0.0, 0.0, 0.0, 1.0),
            BatteryCharge: M(1.5, 0.0, 0.0, 0.2),
            BatteryDischarge: M(0.0, 0.6, 0.5, 0.0))],
        []);

    [Fact]
    public void A_battery_charging_from_the_grid_never_gives_negative_self_sufficiency_nor_credits_grid_energy_as_local()
    {
        var r = EnergyEngine.Compute(GridChargedBattery(), AllocationRule.DefaultDynamic);
        var h = r.Households[0];

        // C = import + PV − export + discharge − charge
        Near(0.5, h[0].Parts.Consumption); // 2.0 + 0 − 0 + 0 − 1.5
        Near(0.7, h[1].Parts.Consumption); // 0.1 + 0.6
        Near(0.5, h[2].Parts.Consumption); // 0.5
        Near(0.5, h[3].Parts.Consumption); // 1.0 − 0.3 − 0.2
        Near(0.0, h[0].Parts.SelfSufficiency, FractionTolerance); // 1 − 2.0/0.5 = −3 → clamped to 0, not negative
        Near(0.857142857, h[1].Parts.SelfSufficiency, FractionTolerance); // 1 − 0.1/0.7

        var day = Rollup.Range<EnergyParts>(h, Grid.StartUtc, Grid.EndUtc, Grid.Length);
        Near(2.2, day.Sum.Consumption); // 0.5 + 0.7 + 0.5 + 0.5
        Near(2.1, day.Sum.Import);
        // SS = 1 − Σimport/Σconsumption = 1 − 2.1/2.2 = 0.0454545: the grid energy stored at night is not "local".
        // (Clamping each interval before summing would have said (0 + 0.6 + 0.5 + 0.5)/2.2 = 72.7 %.)
        Near(0.0454545, day.Sum.SelfSufficiency, FractionTolerance);
        Near(0.7, day.Sum.SelfConsumption, FractionTolerance); // (PV − export)/PV = (1.0 − 0.3)/1.0

        var n = Rollup.Range<EnergyParts>(r.Neighbourhood, Grid.StartUtc, Grid.EndUtc, Grid.Length);
        // One home: neighbourhood net need per interval = C + charge − PV − discharge = 2.0, 0.1, 0, −0.3 → same figures.
        Near(0.0454545, n.Sum.SelfSufficiency, FractionTolerance);
        Near(0.7, n.Sum.SelfConsumption, FractionTolerance);
    }

    /// <summary>
    /// A home battery charged from the roof's PV on 21 June (Paris) and discharged on the 22nd: the local midnight
    /// (22:00Z) falls between charge and discharge. Grid 21 June 14:00Z – 22 June 05:30Z, nothing moves in between.
    /// <code>
    ///                         import  export  PV    charge  discharge   C = import + PV − export + discharge − charge
    /// 21 June 14:00–14:15Z     0.0     0.5    2.0    1.2      0.0        0.3
    /// 21 June 14:15–14:30Z     0.1     0.0    1.0    0.8      0.0        0.3
    /// 22 June 05:00–05:15Z     0.2     0.0    0.0    0.0      1.0        1.2
    /// 22 June 05:15–05:30Z     0.4     0.0    0.0    0.0      0.8        1.2
    /// </code>
    /// </summary>
    [Fact]
    public void A_battery_charged_from_pv_one_day_and_discharged_the_next_counts_on_the_day_its_energy_is_used()
    {
        var grid = new IntervalGrid(Utc(2026, 6, 21, 14), 62);
        var discharge = grid.Count - 2; // 22 June 05:00Z
        IntervalValue[] Series(double k0, double k1, double d0, double d1)
        {
            var v = new double[grid.Count];
            (v[0], v[1], v[discharge], v[discharge + 1]) = (k0, k1, d0, d1);
            return M(v);
        }
        var meters = new NeighbourhoodMeters(grid,
            [new HouseholdMeters("h01",
                Import: Series(0.0, 0.1, 0.2, 0.4),
                Export: Series(0.5, 0.0, 0.0, 0.0),
                OwnProduction: Series(2.0, 1.0, 0.0, 0.0),
                BatteryCharge: Series(1.2, 0.8, 0.0, 0.0),
                BatteryDischarge: Series(0.0, 0.0, 1.0, 0.8))],
            []);

        var r = EnergyEngine.Compute(meters, AllocationRule.DefaultDynamic);
        var days = Rollup.ByLocalDay<EnergyParts>(r.Households[0], grid, Paris);

        Assert.Equal(2, days.Count);
        Assert.Equal(Utc(2026, 6, 21, 22), days[1].StartUtc);
        // 21 June: C = 0.6, import 0.1 → SS = 1 − 0.1/0.6 = 83.33 %. The 2.0 kWh stored is not consumption yet, and
        // counts as self-consumed PV (not exported): SC = (3.0 − 0.5)/3.0 = 83.33 %.
        Near(0.6, days[0].Sum.Consumption);
        Near(0.8333333, days[0].Sum.SelfSufficiency, FractionTolerance);
        Near(0.8333333, days[0].Sum.SelfConsumption, FractionTolerance);
        Near(2.0, days[0].Sum.BatteryCharge);
        // 22 June: C = 2.4, of which 1.8 came out of the battery (local: yesterday's PV) and 0.6 from the grid
        // → SS = 1 − 0.6/2.4 = 75 %. Nothing produced: SC undefined, not 0.
        Near(2.4, days[1].Sum.Consumption);
        Near(0.75, days[1].Sum.SelfSufficiency, FractionTolerance);
        Assert.Null(days[1].Sum.SelfConsumption);
        Near(1.8, days[1].Sum.BatteryDischarge);
        // Both days: 1 − 0.7/3.0 = 76.67 %; the 0.2 kWh lost in the battery is neither consumed nor local.
        var both = Rollup.Range<EnergyParts>(r.Households[0], grid.StartUtc, grid.EndUtc, grid.Length);
        Near(0.7666667, both.Sum.SelfSufficiency, FractionTolerance);
        Near(2.3, both.Sum.LocallySupplied);
        // The neighbourhood (one home, no shared array) books the same flows.
        var n = Rollup.ByLocalDay<EnergyParts>(r.Neighbourhood, grid, Paris);
        Near(0.8333333, n[0].Sum.SelfSufficiency, FractionTolerance);
        Near(0.75, n[1].Sum.SelfSufficiency, FractionTolerance);
    }

    [Fact]
    public void Neighbourhood_counts_energy_shared_between_homes_as_local()
    {
        // One interval. h01: PV 3.0, exports 2.0, imports 0 → C = 1.0. h02: no PV, imports 1.5 → C = 1.5. Shared array 0.
        var grid = new IntervalGrid(Utc(2026, 6, 1, 12), 1);
        var meters = new NeighbourhoodMeters(grid,
            [new HouseholdMeters("h01", M(0.0), M(2.0), M(3.0)), new HouseholdMeters("h02", M(1.5), M(0.0))],
            [M(0.0)]);
        var r = EnergyEngine.Compute(meters, AllocationRule.EqualShare);
        var n = r.Neighbourhood[0].Parts;
        Near(2.5, n.Consumption); // 1.0 + 1.5
        Near(3.0, n.Production);
        Near(2.5, n.LocallySupplied); // min(P 3.0, C 2.5)
        Near(2.5, n.SelfConsumed);
        Near(1.0, n.SelfSufficiency, FractionTolerance); // 2.5 / 2.5
        Near(0.833333, n.SelfConsumption, FractionTolerance); // 2.5 / 3.0
        Near(0.0, r.Households[1][0].Parts.SelfSufficiency, FractionTolerance); // h02 alone: 1 − 1.5/1.5
    }

    [Fact]
    public void Shared_production_is_allocated_within_each_household_remaining_demand()
    {
        // Shared array 6.0; imports 1, 3, 5 with no own PV → demands 1, 3, 5 (equal to consumption).
        var grid = new IntervalGrid(Utc(2026, 6, 1, 12), 1);
        var meters = new NeighbourhoodMeters(grid,
            [new HouseholdMeters("a", M(1.0), M(0.0)), new HouseholdMeters("b", M(3.0), M(0.0)), new HouseholdMeters("c", M(5.0), M(0.0))],
            [M(6.0)]);
        var byKey = EnergyEngine.CompareKeys(meters, [new AllocationRule(AllocationKey.Static, [0.5, 0.3, 0.2]), AllocationRule.DefaultDynamic, AllocationRule.EqualShare]);

        double[] Alloc(AllocationKey k) => byKey[k].Households.Select(h => h[0].Parts.Allocated).ToArray();
        Assert.Equal([1.0, 1.8, 1.2], Alloc(AllocationKey.Static), Tolerance); // min(3.0, 1), min(1.8, 3), min(1.2, 5)
        Near(2.0, byKey[AllocationKey.Static].Surplus[0]); // 6 − 4.0
        Assert.Equal([6.0 / 9, 2.0, 30.0 / 9], Alloc(AllocationKey.DefaultDynamic), Tolerance); // 6 × 1/9, 6 × 3/9, 6 × 5/9
        Assert.Equal([1.0, 2.5, 2.5], Alloc(AllocationKey.EqualShare), Tolerance); // 2 each; a takes 1; 5 left split 2.5/2.5
        Near(0.0, byKey[AllocationKey.EqualShare].Surplus[0]);
        Near(0.8333333, byKey[AllocationKey.EqualShare].Households[1][0].Parts.SelfSufficiency, FractionTolerance); // b: 2.5/3
        Near(0.6666667, byKey[AllocationKey.DefaultDynamic].Households[0][0].Parts.SelfSufficiency, FractionTolerance); // a: 0.6667/1
    }

    [Fact]
    public void A_missing_meter_makes_the_interval_unknown_and_reduces_coverage()
    {
        var grid = new IntervalGrid(Utc(2026, 6, 1, 12), 2);
        var meters = new NeighbourhoodMeters(grid,
            [new HouseholdMeters("a", [IntervalValue.Measured(1), IntervalValue.Missing], M(0, 0)), new HouseholdMeters("b", M(1, 1), M(0, 0))],
            [M(1, 1)]);
        var r = EnergyEngine.Compute(meters, AllocationRule.DefaultDynamic);
        Assert.False(r.Neighbourhood[1].IsDefined);
        Assert.Null(r.Neighbourhood[1].Value);
        Assert.False(r.Households[1][1].IsDefined); // dynamic key: b's share depends on a's unknown demand
        Assert.Equal((4, 5), (r.Neighbourhood[1].MetersReporting, r.Neighbourhood[1].MetersExpected));
        var range = Rollup.Range<EnergyParts>(r.Neighbourhood, grid.StartUtc, grid.EndUtc, grid.Length);
        Assert.Equal((2, 1, 1), (range.Expected, range.Present, range.Missing));
        Near(0.5, range.Coverage);

        var noSharedPv = EnergyEngine.Compute(meters with { SharedProduction = [] }, AllocationRule.EqualShare);
        Assert.True(noSharedPv.Households[1][1].IsDefined); // nothing to share: b does not depend on a
        Near(0.0, noSharedPv.Households[1][1].Parts.SelfSufficiency, FractionTolerance); // 1 − 1/1

        var staticKey = EnergyEngine.Compute(meters, new AllocationRule(AllocationKey.Static, [0.5, 0.5]));
        Assert.True(staticKey.Households[1][1].IsDefined); // static shares do not depend on a
        Near(0.5, staticKey.Households[1][1].Parts.Allocated); // min(0.5 × 1, 1)
    }

    private static readonly ToleranceComparer Tolerance = new();

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;
        public int GetHashCode(double obj) => 0;
    }
}
