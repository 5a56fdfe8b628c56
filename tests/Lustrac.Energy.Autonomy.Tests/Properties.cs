using CsCheck;
using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests;

/// <summary>Random inputs built from a seed so that any failure prints a seed that reproduces it.</summary>
internal static class RandomInputs
{
    public static readonly IntervalGrid Grid = new(Utc(2026, 3, 28, 20), 40);

    /// <summary>A counter read at random times around the grid, with random resets, gaps, duplicates and bad readings.</summary>
    public static List<CounterSample> Counter(Random rnd)
    {
        var list = new List<CounterSample>();
        var t = Grid.StartUtc.AddMinutes(-rnd.Next(0, 40));
        double v = rnd.NextDouble() * 1000;
        while (t < Grid.EndUtc.AddMinutes(30))
        {
            t = t.AddMinutes(rnd.Next(10) == 0 ? rnd.Next(20, 120) : rnd.Next(1, 12));
            v += rnd.Next(6) == 0 ? 0 : rnd.NextDouble() * 0.5;
            if (rnd.Next(40) == 0) v = rnd.NextDouble() * 5; // reset or replacement
            var q = rnd.Next(25) == 0 ? SampleQuality.Bad : rnd.Next(25) == 0 ? SampleQuality.Uncertain : SampleQuality.Good;
            list.Add(new CounterSample(t, q == SampleQuality.Bad ? v * 10 : v, q));
        }
        return list;
    }

    public static IntervalValue[] Series(Random rnd, bool allowMissing = true) =>
        CounterIntervals.Compute("r", allowMissing ? Counter(rnd) : Dense(rnd), Grid).Intervals;

    private static List<CounterSample> Dense(Random rnd)
    {
        double v = 0;
        var list = new List<CounterSample>();
        for (var t = Grid.StartUtc; t <= Grid.EndUtc; t = t.AddMinutes(5)) list.Add(new(t, v += rnd.NextDouble() * (rnd.Next(3) == 0 ? 0 : 0.6)));
        return list;
    }

    public static NeighbourhoodMeters Neighbourhood(Random rnd)
    {
        int n = rnd.Next(1, 6);
        var homes = Enumerable.Range(0, n).Select(h => new HouseholdMeters($"h{h}",
            Series(rnd, rnd.Next(3) == 0), Series(rnd, rnd.Next(3) == 0),
            rnd.Next(2) == 0 ? Series(rnd, false) : null,
            rnd.Next(3) == 0 ? Series(rnd, false) : null,
            rnd.Next(3) == 0 ? Series(rnd, false) : null)).ToList();
        return new NeighbourhoodMeters(Grid, homes, rnd.Next(2) == 0 ? [Series(rnd, rnd.Next(2) == 0)] : []);
    }

    public static AllocationRule Rule(Random rnd, int households)
    {
        var key = (AllocationKey)rnd.Next(3);
        return key == AllocationKey.Static ? StaticRule(rnd, households) : new AllocationRule(key);
    }

    /// <summary>Random static shares adding up to between 0.5 and 1.</summary>
    public static AllocationRule StaticRule(Random rnd, int households)
    {
        var w = Enumerable.Range(0, households).Select(_ => rnd.NextDouble()).ToArray();
        double total = w.Sum() / (0.5 + rnd.NextDouble() * 0.5);
        return new AllocationRule(AllocationKey.Static, w.Select(x => x / total).ToArray());
    }
}

public class Properties
{
    private const double Eps = 1e-9;

    [Fact]
    public void Ratios_are_in_zero_one_or_null_and_null_exactly_when_there_is_no_data_or_no_denominator()
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            var meters = RandomInputs.Neighbourhood(rnd);
            var r = EnergyEngine.Compute(meters, RandomInputs.Rule(rnd, meters.Households.Count));
            foreach (var rec in r.Households.SelectMany(h => h).Concat(r.Neighbourhood))
            {
                if (!rec.IsDefined) { Assert.Null(rec.Value); continue; }
                Check(rec.Parts);
            }
            foreach (var day in Rollup.ByLocalDay<EnergyParts>(r.Neighbourhood, r.Grid, Paris)) Check(day.Sum);
        });

        static void Check(EnergyParts p)
        {
            Assert.True(p.SelfSufficiency is null or >= 0 and <= 1);
            Assert.True(p.SelfConsumption is null or >= 0 and <= 1);
            Assert.Equal(p.Consumption > 0, p.SelfSufficiency.HasValue);
            Assert.Equal(p.Production > 0, p.SelfConsumption.HasValue);
        }
    }

    [Fact]
    public void Allocations_never_exceed_production_nor_any_household_demand_under_every_key()
    {
        Gen.Select(Gen.Double[0, 50], Gen.Double[0, 20].Array[1, 40], Gen.Int).Sample((production, demands, seed) =>
        {
            var rnd = new Random(seed);
            foreach (var r in new[] { AllocationRule.DefaultDynamic, AllocationRule.EqualShare, RandomInputs.StaticRule(rnd, demands.Length) })
            {
                var alloc = new double?[demands.Length];
                var surplus = SharedProductionAllocator.Allocate(production, demands.Select(d => (double?)d).ToArray(), r, alloc);
                double sum = 0;
                for (int h = 0; h < demands.Length; h++)
                {
                    Assert.InRange(alloc[h]!.Value, 0, demands[h] + Eps);
                    sum += alloc[h]!.Value;
                }
                Assert.True(sum <= production + Eps, $"{r.Key}: Σ {sum} > {production}");
                Assert.Equal(production - sum, surplus!.Value, 1e-6);
                if (r.Key != AllocationKey.Static) // dynamic keys leave no surplus while someone still has demand
                    Assert.True(surplus < Eps || demands.Select((d, h) => d - alloc[h]!.Value).All(x => x < 1e-6));
            }
        });
    }

    [Fact]
    public void Allocated_energy_never_exceeds_a_household_consumption_in_the_engine()
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            var meters = RandomInputs.Neighbourhood(rnd);
            var r = EnergyEngine.Compute(meters, RandomInputs.Rule(rnd, meters.Households.Count));
            for (int k = 0; k < r.Grid.Count; k++)
            {
                double sum = 0;
                foreach (var h in r.Households.Where(h => h[k].IsDefined))
                {
                    Assert.True(h[k].Parts.Allocated <= h[k].Parts.Consumption + Eps);
                    Assert.True(h[k].Parts.Allocated <= h[k].Parts.Import + Eps);
                    sum += h[k].Parts.Allocated;
                }
                double shared = meters.SharedProduction.Sum(s => s[k].Value ?? 0);
                Assert.True(sum <= shared + Eps);
            }
        });
    }

    [Fact]
    public void Every_rollup_equals_the_sum_of_its_intervals()
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            var meters = RandomInputs.Neighbourhood(rnd);
            var r = EnergyEngine.Compute(meters, RandomInputs.Rule(rnd, meters.Households.Count));
            var days = Rollup.ByLocalDay<EnergyParts>(r.Neighbourhood, r.Grid, Paris);
            foreach (var day in days)
            {
                var inside = r.Neighbourhood.Where(x => x.StartUtc >= day.StartUtc && x.StartUtc < day.EndUtc).ToList();
                var defined = inside.Where(x => x.IsDefined).ToList();
                Assert.Equal(defined.Count, day.Present);
                Assert.Equal(defined.Sum(x => x.Parts.Consumption), day.Sum.Consumption, 1e-9);
                Assert.Equal(defined.Sum(x => x.Parts.LocallySupplied), day.Sum.LocallySupplied, 1e-9);
                Assert.Equal(defined.Sum(x => x.Parts.Production), day.Sum.Production, 1e-9);
                Assert.Equal(day.Expected, day.Present + day.Missing);
            }
            // A range over the whole grid equals the sum of the days.
            var all = Rollup.Range<EnergyParts>(r.Neighbourhood, r.Grid.StartUtc, r.Grid.EndUtc, r.Grid.Length);
            Assert.Equal(days.Sum(d => d.Sum.Consumption), all.Sum.Consumption, 1e-9);
            Assert.Equal(days.Sum(d => d.Present), all.Present);
        });
    }

    [Fact]
    public void A_shuffled_or_duplicated_stream_gives_identical_results()
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            var samples = RandomInputs.Counter(rnd);
            var replay = samples.Concat(samples.Where(_ => rnd.Next(2) == 0)).OrderBy(_ => rnd.Next()).ToList();
            var a = CounterIntervals.Compute("s", samples, RandomInputs.Grid);
            var b = CounterIntervals.Compute("s", replay, RandomInputs.Grid);
            Assert.Equal(a.Intervals, b.Intervals);
            Assert.Equal(a.Events, b.Events);
        });
    }

    [Fact]
    public void Intervals_are_never_negative_and_telescope_to_the_counter_difference_within_a_segment()
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            var r = CounterIntervals.Compute("s", RandomInputs.Counter(rnd), RandomInputs.Grid);
            Assert.All(r.Intervals, v => Assert.True(v.Value is null or >= 0));
            Assert.All(r.Intervals, v => Assert.Equal(v.Value is null, v.Quality == IntervalQuality.Missing));
        });
    }

    [Fact]
    public void Late_data_changes_no_interval_outside_the_touched_ranges()
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            var all = RandomInputs.Counter(rnd);
            var batch = all.Where(_ => rnd.Next(8) == 0).ToList();
            var existing = all.Except(batch).ToList();
            var grid = RandomInputs.Grid;
            var before = CounterIntervals.Compute("s", existing, grid).Intervals;
            var after = CounterIntervals.Compute("s", all, grid).Intervals;
            var touched = LateData.TouchedIntervals(existing, batch, grid);
            for (int k = 0; k < grid.Count; k++)
                if (!touched.Any(t => k >= t.First && k < t.End))
                    Assert.Equal(before[k], after[k]);
        });
    }
}
