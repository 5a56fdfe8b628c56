using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// Sums done by the store (SQL SUM, InfluxQL sum() GROUP BY time) must equal the same rows summed in memory, for
/// intervals, Paris days across the spring DST change, months and a range; and a rewrite must never leave a stale field.
/// </summary>
public abstract class EnergySumsContract
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTime From = new(2026, 3, 27, 23, 0, 0, DateTimeKind.Utc); // 28 March, 00:00 in Paris
    private static readonly DateTime To = new(2026, 3, 31, 22, 0, 0, DateTimeKind.Utc);   // 1 April, 00:00 in Paris (summer time)
    private const double Tolerance = 1e-9;

    protected abstract Task<IAutonomyStore> CreateStoreAsync();

    /// <summary>Random balances for two households and the neighbourhood, every quality, some intervals without rows.</summary>
    private static List<EnergyIntervalRow> Rows(int seed)
    {
        var rnd = new Random(seed);
        var rows = new List<EnergyIntervalRow>();
        var grid = IntervalGrid.Covering(From, To, 15);
        for (int k = 0; k < grid.Count; k++)
        {
            foreach (var household in new string?[] { "h01", "h02", null })
            {
                if (rnd.Next(20) == 0) continue; // no row at all: still counted as missing by the rollup
                var quality = rnd.Next(10) switch { 0 => IntervalQuality.Missing, 1 or 2 => IntervalQuality.Interpolated, _ => IntervalQuality.Measured };
                double R() => Math.Round(rnd.NextDouble() * 2, 6);
                var parts = quality == IntervalQuality.Missing ? default : new EnergyParts(R(), R(), R(), R(), R(), R(), R(), R(), R());
                int expected = household is null ? 3 : 1;
                rows.Add(new EnergyIntervalRow(grid.BoundaryUtc(k), household, parts, R(), quality,
                    quality == IntervalQuality.Missing ? 0 : expected - rnd.Next(expected), expected));
            }
        }
        return rows;
    }

    public static TheoryData<string> Resolutions() => ["interval", "day", "month", "range"];

    [Theory]
    [MemberData(nameof(Resolutions))]
    public async Task Store_sums_equal_the_rows_summed_in_memory(string resolution)
    {
        var store = await CreateStoreAsync();
        var rows = Rows(seed: 7);
        await store.ReplaceAsync(new AutonomyResults(From, To, rows, [], [], []) { NeverStored = true }, CancellationToken.None);
        IReadOnlyList<DateTime> boundaries = resolution switch
        {
            "interval" => Enumerable.Range(0, 97).Select(k => From.AddDays(1).AddMinutes(15 * k)).ToList(), // the 23-hour day and more
            "day" => LocalCalendar.Boundaries(From, To, LocalCalendar.Period.Day, Paris),
            "month" => LocalCalendar.Boundaries(From, To, LocalCalendar.Period.Month, Paris),
            _ => [From.AddHours(5), To.AddHours(-7)],
        };
        if (resolution == "day") Assert.Contains(boundaries.Zip(boundaries.Skip(1)), p => p.Second - p.First == TimeSpan.FromHours(23));

        var expected = EnergySums.Of(rows, boundaries);
        var every = await store.SumEnergyAsync(ScopeSelection.EveryScope, boundaries, CancellationToken.None);
        Assert.Equal(expected.Keys.Order(), every.Keys.Order());
        foreach (var (key, sums) in expected)
        {
            AssertSame(sums, every[key]);
            var one = await store.SumEnergyAsync(ScopeSelection.One(key == EnergySums.Neighbourhood ? null : key), boundaries, CancellationToken.None);
            Assert.Equal([key], one.Keys);
            AssertSame(sums, one[key]);
        }
    }

    [Fact]
    public async Task Day_rows_sum_to_the_same_periods_as_the_intervals_and_follow_a_rewrite()
    {
        var store = await CreateStoreAsync();
        var rows = Rows(seed: 5);
        await store.ReplaceAsync(new AutonomyResults(From, To, rows, [], [], []) { NeverStored = true }, CancellationToken.None);
        var days = LocalCalendar.Boundaries(From, To, LocalCalendar.Period.Day, Paris);
        await EnergyDays.RefreshAsync(store, days, CancellationToken.None);

        foreach (var boundaries in new[] { days, [days[0], days[2], days[^1]], LocalCalendar.Boundaries(From, To, LocalCalendar.Period.Month, Paris) })
        {
            var expected = EnergySums.Of(rows, boundaries);
            var fromDays = await store.SumEnergyDaysAsync(ScopeSelection.EveryScope, boundaries, CancellationToken.None);
            Assert.Equal(expected.Keys.Order(), fromDays.Keys.Order());
            foreach (var (key, sums) in expected) AssertSame(sums, fromDays[key]);
        }

        // Late data turned the second day's intervals of h01 into missing ones: its day row follows.
        var rewritten = rows.Select(r => r.Household == "h01" && r.StartUtc >= days[1] && r.StartUtc < days[2]
            ? r with { Parts = default, Quality = IntervalQuality.Missing, MetersReporting = 0 } : r).ToList();
        await store.ReplaceAsync(new AutonomyResults(days[1], days[2], rewritten.Where(r => r.StartUtc >= days[1] && r.StartUtc < days[2]).ToList(), [], [], []),
            CancellationToken.None);
        await EnergyDays.RefreshAsync(store, [days[1], days[2]], CancellationToken.None);
        var after = await store.SumEnergyDaysAsync(ScopeSelection.One("h01"), days, CancellationToken.None);
        AssertSame(EnergySums.Of(rewritten, days)["h01"], after["h01"]);
        Assert.Equal(0, after["h01"][1]!.Value.Measured + after["h01"][1]!.Value.Interpolated);
    }

    [Fact]
    public async Task Closing_new_intervals_adds_them_to_the_day_sums_exactly()
    {
        var store = await CreateStoreAsync();
        var rows = Rows(seed: 13);
        var days = LocalCalendar.Boundaries(From, To, LocalCalendar.Period.Day, Paris);
        // Closed so far: up to the middle of the second day (a 23-hour day); then the rest, in three closes.
        var cuts = new[] { From, days[1].AddHours(9), days[2].AddHours(3), days[3].AddMinutes(15), To };
        foreach (var (from, to) in cuts.Zip(cuts.Skip(1)))
        {
            var part = rows.Where(r => r.StartUtc >= from && r.StartUtc < to).ToList();
            await store.ReplaceAsync(new AutonomyResults(from, to, part, [], [], []) { NeverStored = true }, CancellationToken.None);
            await EnergyDays.AddAsync(store, LocalCalendar.Boundaries(from, to, LocalCalendar.Period.Day, Paris), part, CancellationToken.None);
        }
        var expected = EnergySums.Of(rows, days);
        var fromDays = await store.SumEnergyDaysAsync(ScopeSelection.EveryScope, days, CancellationToken.None);
        Assert.Equal(expected.Keys.Order(), fromDays.Keys.Order());
        foreach (var (key, sums) in expected) AssertSame(sums, fromDays[key]);
    }

    /// <summary>A recomputed day no longer has a scope (its household left the site plan): its old day row goes, on both stores.</summary>
    [Fact]
    public async Task Replacing_the_day_rows_of_a_range_leaves_no_row_of_a_scope_it_no_longer_has()
    {
        var store = await CreateStoreAsync();
        DateTime day = From, next = From.AddDays(1);
        static EnergyDayRow Day(DateTime at, string? household, double kwh, int measured) =>
            new(at, household, new EnergyPeriodSum(new EnergyParts(kwh, 0, kwh, 0, 0, 0, 0, 0, 0), measured, 0, measured, measured));
        await store.WriteEnergyDaysAsync([Day(day, "h01", 1.5, 90), Day(day, "h02", 2.25, 96), Day(day, null, 3.75, 96), Day(next, "h02", 0.5, 96)],
            CancellationToken.None);

        await store.ReplaceEnergyDaysAsync(day, next, [Day(day, "h01", 4.0, 96), Day(day, null, 4.0, 96)], CancellationToken.None);

        var sums = await store.SumEnergyDaysAsync(ScopeSelection.EveryScope, [day, next, next.AddDays(1)], CancellationToken.None);
        Assert.Equal(["", "h01", "h02"], sums.Keys.Order());
        Assert.Equal(4.0, sums["h01"][0]!.Value.Sum.Consumption);
        Assert.Equal(96, sums["h01"][0]!.Value.Measured);
        Assert.Null(sums["h02"][0]); // gone from the replaced day…
        Assert.Equal(0.5, sums["h02"][1]!.Value.Sum.Import); // …kept on the next one, outside the range
    }

    [Fact]
    public async Task A_store_without_day_rows_gets_them_filled_at_start()
    {
        var store = await CreateStoreAsync();
        var rows = Rows(seed: 3);
        await store.ReplaceAsync(new AutonomyResults(From, To, rows, [], [], []) { NeverStored = true }, CancellationToken.None);
        var days = LocalCalendar.Boundaries(From, To, LocalCalendar.Period.Day, Paris);
        Assert.Empty(await store.SumEnergyDaysAsync(ScopeSelection.EveryScope, days, CancellationToken.None));

        var calculator = new IntervalCloser(Golden.Plan, new NoReadings(), store, new LateDataQueue(Golden.Plan), new AutonomySettings(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<IntervalCloser>.Instance);
        await calculator.ResumeAsync(To, CancellationToken.None);

        var filled = await store.SumEnergyDaysAsync(ScopeSelection.EveryScope, days, CancellationToken.None);
        var expected = EnergySums.Of(rows, days);
        Assert.Equal(expected.Keys.Order(), filled.Keys.Order());
        foreach (var (key, sums) in expected) AssertSame(sums, filled[key]);
    }

    /// <summary>Filling day rows reads only the result store.</summary>
    private sealed class NoReadings : IReadingStore
    {
        public Task InitialiseAsync(CancellationToken ct) => Task.CompletedTask;
        public Task WriteAsync(IReadOnlyList<StoredReading> batch, CancellationToken ct) => throw new InvalidOperationException("not expected");
        public Task<IReadOnlyList<StoredReading>> ReadAsync(string device, string quantity, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
            throw new InvalidOperationException("not expected");
        public Task<IReadOnlyDictionary<string, List<ReadingPoint>>> ReadQuantityAsync(string quantity, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
            throw new InvalidOperationException("not expected");
        public Task<IReadOnlyDictionary<string, ReadingPoint>> ReadNearestAsync(string quantity, IReadOnlyCollection<string> devices, DateTimeOffset at, ReadingSide side, CancellationToken ct) =>
            throw new InvalidOperationException("not expected");
        public Task DeleteDevicesAsync(IReadOnlyCollection<string> devices, CancellationToken ct) => throw new InvalidOperationException("not expected");
    }

    [Fact]
    public async Task Sums_match_the_rollup_of_the_rows_read_back()
    {
        var store = await CreateStoreAsync();
        var rows = Rows(seed: 11);
        await store.ReplaceAsync(new AutonomyResults(From, To, rows, [], [], []) { NeverStored = true }, CancellationToken.None);
        var days = LocalCalendar.Boundaries(From, To, LocalCalendar.Period.Day, Paris);
        var read = (await store.ReadEnergyAsync("h02", From, To, CancellationToken.None)).Select(r => r.ToRecord()).ToArray();
        var reference = Rollup.ByPeriods<EnergyParts>(read, days, TimeSpan.FromMinutes(15));
        var summed = EnergySums.Rollups((await store.SumEnergyAsync(ScopeSelection.One("h02"), days, CancellationToken.None))["h02"], days, TimeSpan.FromMinutes(15));
        Assert.Equal(reference.Count, summed.Count);
        for (int p = 0; p < reference.Count; p++)
        {
            Assert.Equal(reference[p].Expected, summed[p].Expected);
            Assert.Equal(reference[p].Present, summed[p].Present);
            Assert.Equal(reference[p].Measured, summed[p].Measured);
            Assert.Equal(reference[p].MeterIntervalsReporting, summed[p].MeterIntervalsReporting);
            Assert.Equal(reference[p].Sum.SelfSufficiency!.Value, summed[p].Sum.SelfSufficiency!.Value, Tolerance);
            Assert.Equal(reference[p].Sum.Consumption, summed[p].Sum.Consumption, Tolerance);
        }
    }

    [Fact]
    public async Task A_rewrite_to_missing_leaves_no_stale_figure_and_a_same_shape_rewrite_replaces_values()
    {
        var store = await CreateStoreAsync();
        var t = From.AddHours(12);
        var defined = new EnergyIntervalRow(t, null, new EnergyParts(2, 1, 1, 0, 0, 0, 0, 1, 1), 0, IntervalQuality.Measured, 2, 2);
        await store.ReplaceAsync(new AutonomyResults(t, t.AddMinutes(15), [defined], [], [], []) { NeverStored = true }, CancellationToken.None);

        // Same fields, new values: written over without a delete.
        var changed = defined with { Parts = new EnergyParts(4, 1, 3, 0, 0, 0, 0, 1, 1) };
        await store.ReplaceAsync(new AutonomyResults(t, t.AddMinutes(15), [changed], [], [], []), CancellationToken.None);
        var row = Assert.Single(await store.ReadEnergyAsync(null, t, t.AddMinutes(15), CancellationToken.None));
        Assert.Equal(4, row.Parts.Consumption, Tolerance);
        Assert.Equal(0.25, row.Parts.SelfSufficiency!.Value, Tolerance); // 1 kWh locally supplied of 4

        // Now unknown: every part and ratio must disappear, not linger from the earlier write.
        var missing = new EnergyIntervalRow(t, null, default, 0, IntervalQuality.Missing, 0, 2);
        await store.ReplaceAsync(new AutonomyResults(t, t.AddMinutes(15), [missing], [], [], []), CancellationToken.None);
        row = Assert.Single(await store.ReadEnergyAsync(null, t, t.AddMinutes(15), CancellationToken.None));
        Assert.Equal(IntervalQuality.Missing, row.Quality);
        var sums = await store.SumEnergyAsync(ScopeSelection.One(null), [t, t.AddMinutes(15)], CancellationToken.None);
        var sum = sums[EnergySums.Neighbourhood][0]!.Value;
        Assert.Equal(0, sum.Sum.Consumption);
        Assert.Equal(0, sum.Measured);
        Assert.Equal(2, sum.MetersExpected);

        // A vital-needs day whose water figure became unknown loses it too.
        await store.ReplaceVitalNeedsAsync([new VitalNeedsRow(From, 0.5, 0.4, null, 0.45, 0.85)], CancellationToken.None);
        await store.ReplaceVitalNeedsAsync([new VitalNeedsRow(From, 0.6, null, null, 0.6, 0.85)], CancellationToken.None);
        var day = Assert.Single(await store.ReadVitalNeedsAsync(From, From.AddDays(1), CancellationToken.None));
        Assert.Equal(0.6, day.Energy!.Value, Tolerance);
        Assert.Null(day.Water);
    }

    private static void AssertSame(EnergyPeriodSum?[] expected, EnergyPeriodSum?[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int p = 0; p < expected.Length; p++)
        {
            Assert.Equal(expected[p].HasValue, actual[p].HasValue);
            if (expected[p] is not { } e) continue;
            var a = actual[p]!.Value;
            Assert.Equal(e.Measured, a.Measured);
            Assert.Equal(e.Interpolated, a.Interpolated);
            Assert.Equal(e.MetersReporting, a.MetersReporting);
            Assert.Equal(e.MetersExpected, a.MetersExpected);
            var (x, y) = (e.Sum, a.Sum);
            foreach (var (ex, ac) in new[] { (x.Consumption, y.Consumption), (x.Production, y.Production), (x.Import, y.Import), (x.Export, y.Export),
                         (x.BatteryCharge, y.BatteryCharge), (x.BatteryDischarge, y.BatteryDischarge), (x.Allocated, y.Allocated),
                         (x.LocallySupplied, y.LocallySupplied), (x.SelfConsumed, y.SelfConsumed) })
                Assert.Equal(ex, ac, Tolerance);
        }
    }
}

public sealed class SqliteEnergySumsTests : EnergySumsContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-sums-").FullName;

    protected override async Task<IAutonomyStore> CreateStoreAsync()
    {
        var store = StoredResults.InSqlite(Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"), "test");
        await store.InitialiseAsync(CancellationToken.None);
        return store;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxEnergySumsTests(Lustrac.Energy.Testing.SharedServices services) : EnergySumsContract
{
    protected override async Task<IAutonomyStore> CreateStoreAsync()
    {
        var settings = new StoreSettings { Kind = "influxdb", InfluxDatabase = "s" + Guid.NewGuid().ToString("N")[..12] };
        await new InfluxReadingStore(new HttpClient { BaseAddress = services.InfluxUrl }, settings).InitialiseAsync(CancellationToken.None);
        var store = StoredResults.InInflux(new HttpClient { BaseAddress = services.InfluxUrl }, settings, "test");
        await store.InitialiseAsync(CancellationToken.None); // the results policy
        return store;
    }
}
