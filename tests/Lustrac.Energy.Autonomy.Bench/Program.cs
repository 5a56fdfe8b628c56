using System.Diagnostics;
using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Bench;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;

var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
var site = new SyntheticSite();
Console.WriteLine($"Synthetic site: {SyntheticSite.Households} households, {site.Series.Count} counter series, " +
    $"{site.Series.Sum(s => s.Samples.Length):N0} readings, {SyntheticSite.Year.Count:N0} intervals of 15 min " +
    $"→ {SyntheticSite.Households * SyntheticSite.Year.Count:N0} household-intervals");

EnergyResult Whole(IntervalGrid grid, Func<CounterSample[], IEnumerable<CounterSample>> slice)
{
    var values = new Dictionary<string, IntervalValue[]>();
    foreach (var (id, samples) in site.Series) values[id] = CounterIntervals.Compute(id, slice(samples), grid).Intervals;
    var homes = Enumerable.Range(0, SyntheticSite.Households).Select(h => new HouseholdMeters($"h{h:00}",
        values[$"h{h:00}/import"], values[$"h{h:00}/export"], values.GetValueOrDefault($"h{h:00}/pv"))).ToList();
    return EnergyEngine.Compute(new NeighbourhoodMeters(grid, homes, [values["shared0/pv"], values["shared1/pv"]]), AllocationRule.EqualShare);
}

int rollupCount = 0;
void RollUp(EnergyResult r)
{
    foreach (var h in r.Households.Append(r.Neighbourhood))
    {
        rollupCount += Rollup.ByLocalDay<EnergyParts>(h, r.Grid, paris).Count;
        rollupCount += Rollup.ByLocalMonth<EnergyParts>(h, r.Grid, paris).Count;
        rollupCount += Rollup.ByLocalYear<EnergyParts>(h, r.Grid, paris).Count;
    }
}

// Whole year: counters → intervals → allocation and balances → day/month/year rollups for every home and the neighbourhood.
EnergyResult year = Whole(SyntheticSite.Year, s => s); // warm-up
RollUp(year);
var times = new List<double>();
for (int run = 0; run < 5; run++)
{
    var sw = Stopwatch.StartNew();
    year = Whole(SyntheticSite.Year, s => s);
    RollUp(year);
    times.Add(sw.Elapsed.TotalMilliseconds);
}
var yearly = Rollup.ByLocalYear<EnergyParts>(year.Neighbourhood, year.Grid, paris)[0];
Console.WriteLine($"Whole year (intervals + allocation + rollups): best {times.Min():F0} ms, median {times.Order().ElementAt(2):F0} ms over 5 runs (goal ≤ 1000 ms)");
Console.WriteLine($"  neighbourhood year: consumption {yearly.Sum.Consumption:N0} kWh, SS {yearly.Sum.SelfSufficiency:P2}, SC {yearly.Sum.SelfConsumption:P2}, coverage {yearly.Coverage:P2}");

// The same year when the store returns readings unordered (every series shuffled): the sort is no longer skipped.
var shuffled = site.Series.ToDictionary(s => s.Samples, s => s.Samples.OrderBy(_ => Random.Shared.Next()).ToArray());
var swShuffled = Stopwatch.StartNew();
var fromShuffled = Whole(SyntheticSite.Year, s => shuffled[s]);
RollUp(fromShuffled);
Console.WriteLine($"Whole year from unordered readings: {swShuffled.Elapsed.TotalMilliseconds:F0} ms (one run); same result: " +
    $"{Rollup.ByLocalYear<EnergyParts>(fromShuffled.Neighbourhood, fromShuffled.Grid, paris)[0].Sum == yearly.Sum}");

// Closing one interval: the store hands back the readings around it (±1 interval), the engine computes that interval
// for every meter, allocates, and the day containing it is summed again.
var closeTimes = new List<double>();
var records = year.Neighbourhood.ToArray();
for (int c = 0; c < 220; c++)
{
    int k = 1000 + c * 97;
    var grid = new IntervalGrid(SyntheticSite.Year.BoundaryUtc(k), 1);
    var lo = grid.StartUtc.AddMinutes(-30);
    var hi = grid.EndUtc.AddMinutes(30);
    var sw = Stopwatch.StartNew();
    var one = Whole(grid, s => Window(s, lo, hi));
    records[k] = one.Neighbourhood[0];
    var dayStart = LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Day, paris);
    int first = (int)SyntheticSite.Year.IndexOf(dayStart[0]);
    int last = (int)Math.Min(SyntheticSite.Year.Count, SyntheticSite.Year.IndexOf(dayStart[1]));
    var day = Rollup.ByPeriods<EnergyParts>(records.AsSpan(first, last - first), dayStart, grid.Length)[0];
    sw.Stop();
    if (c >= 20) closeTimes.Add(sw.Elapsed.TotalMilliseconds); // first 20 are warm-up
    if (day.Present == 0) throw new InvalidOperationException("day lost");
}
closeTimes.Sort();
Console.WriteLine($"Close one interval (all meters, allocation, day rollup): median {closeTimes[closeTimes.Count / 2]:F3} ms, " +
    $"p95 {closeTimes[(int)(closeTimes.Count * 0.95)]:F3} ms, max {closeTimes[^1]:F3} ms over {closeTimes.Count} closes (goal ≤ 50 ms)");
Console.WriteLine($"(rollups computed: {rollupCount:N0})");

static IEnumerable<CounterSample> Window(CounterSample[] sorted, DateTime lo, DateTime hi)
{
    // What a store range query returns: readings in [lo, hi]. Sorted input, so binary search for the start.
    int a = 0, b = sorted.Length;
    while (a < b) { int m = (a + b) / 2; if (sorted[m].TimeUtc < lo) a = m + 1; else b = m; }
    var list = new List<CounterSample>();
    for (int i = a; i < sorted.Length && sorted[i].TimeUtc <= hi; i++) list.Add(sorted[i]);
    return list;
}
