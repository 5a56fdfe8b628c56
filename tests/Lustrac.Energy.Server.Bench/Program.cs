using System.Diagnostics;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Autonomy;
using Lustrac.Energy.Server.Bench;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.Logging.Abstractions;

// Year of 15-minute intervals for the 30 Lustrac households, computed from stored readings (SQLite, then a real
// influxd started here on a free loopback port), and the time to close one interval (read, compute, store, day figure).
var site = SiteLoader.LoadFile(RepositoryPaths.SampleSite);
var plan = SitePlan.From(site);
var year = new IntervalGrid(SyntheticYear.Start, SyntheticYear.DayCount * 96, plan.IntervalMinutes);
Console.WriteLine($"Site: {plan.Households.Count} households, {plan.SharedProduction.Length} shared arrays; {year.Count:N0} intervals " +
    $"→ {plan.Households.Count * year.Count:N0} household-intervals");

var folder = Directory.CreateTempSubdirectory("lustrac-bench-").FullName;
try
{
    var sqlitePath = Path.Combine(folder, "bench.db");
    await RunAsync("SQLite (embedded)", new SqliteReadingStore(sqlitePath), new SqliteAutonomyStore(sqlitePath, site.Site.Id));

    await using var influx = await InfluxProcess.StartNewAsync();
    var settings = new StoreSettings { Kind = "influxdb", InfluxDatabase = "bench" };
    await RunAsync($"InfluxDB 1.x ({influx.Url})",
        new InfluxReadingStore(new HttpClient { BaseAddress = influx.Url, Timeout = TimeSpan.FromMinutes(5) }, settings),
        new InfluxAutonomyStore(new HttpClient { BaseAddress = influx.Url, Timeout = TimeSpan.FromMinutes(5) }, settings, site.Site.Id));
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

async Task RunAsync(string name, IReadingStore readings, IAutonomyStore results)
{
    Console.WriteLine($"\n== {name}");
    await readings.InitialiseAsync(CancellationToken.None);
    await results.InitialiseAsync(CancellationToken.None);
    var sw = Stopwatch.StartNew();
    long written = 0;
    foreach (var day in SyntheticYear.Days(site))
    {
        for (int i = 0; i < day.Count; i += 5000)
        {
            var part = day.GetRange(i, Math.Min(5000, day.Count - i));
            await readings.WriteAsync(part, CancellationToken.None);
            written += part.Count;
        }
    }
    Console.WriteLine($"setup: wrote {written:N0} readings in {sw.Elapsed.TotalSeconds:F1} s (not part of the goal)");

    var reads = new List<double>();
    var computes = new List<double>();
    AutonomyResults? computed = null;
    for (int run = 0; run < 3; run++)
    {
        sw.Restart();
        var loaded = await SiteReadingLoader.LoadAsync(readings, plan, year.StartUtc, year.EndUtc, CancellationToken.None);
        reads.Add(sw.Elapsed.TotalMilliseconds);
        sw.Restart();
        computed = AutonomyComputation.Compute(plan, loaded, year);
        var neighbourhood = computed.Energy.Where(r => r.Household is null).Select(r => r.ToRecord()).ToArray();
        var days = Rollup.ByLocalDay<EnergyParts>(neighbourhood, year, plan.Zone);
        var months = Rollup.ByLocalMonth<EnergyParts>(neighbourhood, year, plan.Zone);
        computes.Add(sw.Elapsed.TotalMilliseconds);
        if (run == 0) Console.WriteLine($"  {loaded.Count:N0} readings read; {computed.Energy.Count:N0} energy rows; {days.Count} days, {months.Count} months");
    }
    Console.WriteLine($"year read (one query per quantity): best {reads.Min():F0} ms, runs {string.Join(" / ", reads.Select(t => t.ToString("F0")))} ms");
    Console.WriteLine($"year compute (counters → intervals → allocation → rows → day/month rollups): best {computes.Min():F0} ms, runs {string.Join(" / ", computes.Select(t => t.ToString("F0")))} ms");
    Console.WriteLine($"year read + compute: best {reads.Min() + computes.Min():F0} ms (goal ≤ 1000 ms)");
    var total = Rollup.Range<EnergyParts>(computed!.Energy.Where(r => r.Household is null).Select(r => r.ToRecord()).ToArray(), year.StartUtc, year.EndUtc, year.Length);
    Console.WriteLine($"  neighbourhood year: consumption {total.Sum.Consumption:N0} kWh, SS {total.Sum.SelfSufficiency:P2}, SC {total.Sum.SelfConsumption:P2}, coverage {total.Coverage:P2}");

    // Storing the year's figures once (a first start's backfill), month by month.
    sw.Restart();
    var rows = computed.Energy;
    foreach (var month in LocalCalendar.Boundaries(year.StartUtc, year.EndUtc, LocalCalendar.Period.Month, TimeZoneInfo.Utc).Zip(
                 LocalCalendar.Boundaries(year.StartUtc, year.EndUtc, LocalCalendar.Period.Month, TimeZoneInfo.Utc).Skip(1)))
    {
        var (from, to) = (month.First < year.StartUtc ? year.StartUtc : month.First, month.Second > year.EndUtc ? year.EndUtc : month.Second);
        await results.ReplaceAsync(new AutonomyResults(from, to, rows.Where(r => r.StartUtc >= from && r.StartUtc < to).ToList(), [], [], []), CancellationToken.None);
    }
    Console.WriteLine($"year figures stored ({rows.Count:N0} energy_interval rows): {sw.Elapsed.TotalSeconds:F1} s (first start only)");

    // Closing one interval, as the service does: read its readings (± margin), compute, replace its rows, recompute the day's vital needs.
    var calculator = new AutonomyCalculator(plan, readings, results, new AutonomyRecalculation(plan), new AutonomySettings(), NullLogger<AutonomyCalculator>.Instance);
    var closes = new List<double>();
    for (int c = 0; c < 120; c++)
    {
        var start = year.BoundaryUtc(1000 + c * 271);
        sw.Restart();
        await calculator.RecomputeAsync(start, start + year.Length, CancellationToken.None);
        if (c >= 20) closes.Add(sw.Elapsed.TotalMilliseconds); // first 20 warm up
    }
    closes.Sort();
    Console.WriteLine($"close one interval (read ± 30 min, compute, store rows, day vital needs): median {closes[closes.Count / 2]:F1} ms, " +
        $"p95 {closes[(int)(closes.Count * 0.95)]:F1} ms, max {closes[^1]:F1} ms over {closes.Count} closes (goal ≤ 50 ms)");
}
