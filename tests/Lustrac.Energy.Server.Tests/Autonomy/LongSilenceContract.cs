using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// A household meter silent for three hours, closed live interval by interval while it is silent, then back: the
/// figures equal the hand computation and a single computation over everything stored afterwards. On both stores.
/// </summary>
public abstract class LongSilenceContract
{
    private static readonly DateTimeOffset T0 = Golden.T0; // 10:00 UTC
    private const double Tolerance = 1e-9;

    protected abstract Task<AutonomyStores> CreateStoresAsync();

    /// <summary>
    /// h02 and the shared array report on every boundary from 09:30 to 13:30: h02 imports 0.25 kWh and pv-1 produces
    /// 0.5 kWh per interval. h01 reports at 09:30 (99.0), 09:45 (99.5), 10:05 (100.0), then nothing until 13:05 (106.0),
    /// 13:15 (106.2), 13:30 (106.5); its export counter stays at 50 on the same instants.
    /// </summary>
    internal static List<StoredReading> Readings()
    {
        var list = new List<StoredReading>();
        for (int m = -30; m <= 210; m += 15)
        {
            int k = (m + 30) / 15;
            list.Add(Golden.Counter("h02-meter", "energy_import", T0.AddMinutes(m), 200 + 0.25 * k));
            list.Add(Golden.Counter("h02-meter", "energy_export", T0.AddMinutes(m), 10));
            list.Add(Golden.Counter("pv-1-inverter", "energy_produced", T0.AddMinutes(m), 1000 + 0.5 * k));
        }
        foreach (var (m, kwh) in new[] { (-30, 99.0), (-15, 99.5), (5, 100.0), (185, 106.0), (195, 106.2), (210, 106.5) })
        {
            list.Add(Golden.Counter("h01-meter", "energy_import", T0.AddMinutes(m), kwh));
            list.Add(Golden.Counter("h01-meter", "energy_export", T0.AddMinutes(m), 50));
        }
        return list;
    }

    /// <summary>The service's life: readings stored as they happen, each close due when its grace delay has passed.</summary>
    private static async Task LiveAsync(AutonomyStores stores, IEnumerable<StoredReading> readings, DateTimeOffset until, SitePlan? plan = null)
    {
        var recalculation = new LateDataQueue(plan ?? Golden.Plan);
        var calculator = Golden.Calculator(stores, recalculation, plan);
        await calculator.ResumeAsync(T0.AddMinutes(-30).UtcDateTime, CancellationToken.None);
        var pending = readings.OrderBy(r => r.Time).ToList();
        for (var now = T0.AddMinutes(-30); now <= until; now = now.AddMinutes(1))
        {
            var due = pending.Where(r => r.Time <= now).ToList();
            pending.RemoveAll(due.Contains);
            if (due.Count > 0)
            {
                await stores.Readings.WriteAsync(due, CancellationToken.None);
                recalculation.Touched(due);
            }
            await calculator.ProcessTouchedAsync(CancellationToken.None);
            await calculator.CloseDueAsync(now.UtcDateTime, CancellationToken.None);
        }
    }

    private static async Task<Dictionary<string, List<EnergyIntervalRow>>> RowsAsync(AutonomyStores stores)
    {
        var rows = new Dictionary<string, List<EnergyIntervalRow>>();
        foreach (var h in new[] { "h01", "h02", null })
            rows[h ?? "all"] = (await stores.Results.ReadEnergyAsync(h, T0.AddMinutes(-30).UtcDateTime, T0.AddMinutes(210).UtcDateTime, CancellationToken.None)).ToList();
        return rows;
    }

    [Fact]
    public async Task Three_silent_hours_closed_live_give_the_hand_computed_figures()
    {
        var stores = await CreateStoresAsync();
        await LiveAsync(stores, Readings(), T0.AddMinutes(215));
        var rows = await RowsAsync(stores);
        EnergyIntervalRow At(string scope, int minutes) => rows[scope].Single(r => r.StartUtc == T0.AddMinutes(minutes).UtcDateTime);

        // Every interval 09:30–13:30 is defined: none was lost to the silence.
        Assert.Equal(16, rows["all"].Count);
        Assert.All(rows["all"], r => Assert.NotEqual(IntervalQuality.Missing, r.Quality));

        // 10:00 boundary: between 09:45 (99.5) and 10:05 (100.0) → 99.5 + 0.5 × 15/20 = 99.875.
        // 10:15 … 13:00 boundaries: on the line 10:05 (100.0) → 13:05 (106.0), 6 kWh / 180 min = 1/30 kWh per minute:
        //   10:15 = 100 + 10/30 = 100.3333, 13:00 = 100 + 175/30 = 105.8333.
        // Interval 10:00–10:15: h01 100.3333 − 99.875 = 11/24 kWh; h02 0.25 → demand 17/24 > 0.5 shared, pro rata:
        //   h01 gets 0.5 × (11/24)/(17/24) = 11/34, h02 0.5 × 6/17 = 3/17; neighbourhood SS = 0.5 / (17/24) = 12/17.
        var first = At("h01", 0);
        Assert.Equal(IntervalQuality.Interpolated, first.Quality);
        Assert.Equal(11.0 / 24, first.Parts.Import, Tolerance);
        Assert.Equal(11.0 / 34, first.Parts.Allocated, Tolerance);
        Assert.Equal(3.0 / 17, At("h02", 0).Parts.Allocated, Tolerance);
        Assert.Equal(12.0 / 17, At("all", 0).Parts.SelfSufficiency!.Value, Tolerance);

        // 10:15 … 12:45 (11 intervals wholly inside the silence): h01 0.5 each; demand 0.75 → h01 1/3, h02 1/6; SS 2/3.
        for (int m = 15; m <= 165; m += 15)
        {
            Assert.Equal(0.5, At("h01", m).Parts.Import, Tolerance);
            Assert.Equal(IntervalQuality.Interpolated, At("h01", m).Quality);
            Assert.Equal(1.0 / 3, At("h01", m).Parts.Allocated, Tolerance);
            Assert.Equal(1.0 / 6, At("h02", m).Parts.Allocated, Tolerance);
            Assert.Equal(2.0 / 3, At("all", m).Parts.SelfSufficiency!.Value, Tolerance);
        }

        // 13:00–13:15 (the interval the old ± 30 min read lost for everyone): 13:00 = 105.8333 (interpolated),
        // 13:15 = 106.2 (a reading) → h01 11/30; demand 11/30 + 1/4 = 37/60 → h01 0.5 × 22/37 = 11/37, h02 7.5/37; SS 30/37.
        Assert.Equal(11.0 / 30, At("h01", 180).Parts.Import, Tolerance);
        Assert.Equal(11.0 / 37, At("h01", 180).Parts.Allocated, Tolerance);
        Assert.Equal(7.5 / 37, At("h02", 180).Parts.Allocated, Tolerance);
        Assert.Equal(30.0 / 37, At("all", 180).Parts.SelfSufficiency!.Value, Tolerance);
        Assert.Equal(IntervalQuality.Interpolated, At("all", 180).Quality);

        // 13:15–13:30: readings on both boundaries, 0.3 kWh, Measured again.
        Assert.Equal(0.3, At("h01", 195).Parts.Import, 1e-9);
        Assert.Equal(IntervalQuality.Measured, At("h01", 195).Quality);

        // The whole silence telescopes to the counter's own difference: 09:45 … 13:15 = 106.2 − 99.5 = 6.7 kWh.
        Assert.Equal(6.7, rows["h01"].Where(r => r.StartUtc >= T0.AddMinutes(-15).UtcDateTime && r.StartUtc < T0.AddMinutes(195).UtcDateTime)
            .Sum(r => r.Parts.Import), 1e-9);

        // And one computation over everything stored afterwards gives the same rows.
        var once = await CreateStoresAsync();
        await once.Readings.WriteAsync(Readings(), CancellationToken.None);
        var calculator = Golden.Calculator(once);
        await calculator.ResumeAsync(T0.AddMinutes(-30).UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(T0.AddMinutes(215).UtcDateTime, CancellationToken.None);
        var reference = await RowsAsync(once);
        foreach (var scope in rows.Keys) Assert.Equal(reference[scope], rows[scope]);
    }

    [Fact]
    public async Task A_silence_longer_than_the_maximum_gap_is_missing_and_says_why()
    {
        var stores = await CreateStoresAsync();
        var plan = SitePlan.From(Golden.Site, AutonomySettings.CounterOptions(2));
        await LiveAsync(stores, Readings(), T0.AddMinutes(215), plan);
        var rows = await RowsAsync(stores);

        // The 3-hour silence (10:05 → 13:05) is longer than 2 h: every interval with a boundary in it is Missing for h01,
        // and (dynamic key) for the neighbourhood; 09:45–10:00 and 13:15–13:30 keep their figures.
        var missing = rows["h01"].Where(r => r.Quality == IntervalQuality.Missing).Select(r => r.StartUtc).ToList();
        Assert.Equal(Enumerable.Range(0, 13).Select(i => T0.AddMinutes(15 * i).UtcDateTime), missing);
        Assert.Equal(missing, rows["all"].Where(r => r.Quality == IntervalQuality.Missing).Select(r => r.StartUtc));
        // 09:45–10:00: 99.5 (a reading) to 99.875 (bracketed by 09:45 and 10:05, 20 min apart) = 0.375.
        Assert.Equal(0.375, rows["h01"].Single(r => r.StartUtc == T0.AddMinutes(-15).UtcDateTime).Parts.Import, Tolerance);
        Assert.Equal(0.3, rows["h01"].Single(r => r.StartUtc == T0.AddMinutes(195).UtcDateTime).Parts.Import, Tolerance);

        // Why: the API names the event, its device and its two readings; h02 sees none of h01's devices.
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(6));
        using var all = System.Text.Json.JsonDocument.Parse(await api.Http.GetStringAsync("api/autonomy?from=2026-06-21&to=2026-06-22&resolution=day"));
        var events = all.RootElement.GetProperty("counter_events").EnumerateArray().ToList();
        Assert.Equal(2, events.Count); // the import and the export counter of the same meter
        var import = events.Single(e => e.GetProperty("quantity").GetString() == "energy_import");
        Assert.Equal(("h01-meter", "gap_too_long", "2026-06-21T10:05:00Z", "2026-06-21T13:05:00Z", 100.0, 106.0),
            (import.GetProperty("device").GetString(), import.GetProperty("kind").GetString(), import.GetProperty("before").GetString(),
             import.GetProperty("after").GetString(), import.GetProperty("before_value").GetDouble(), import.GetProperty("after_value").GetDouble()));
        // Meter coverage counts meters (3: two grid meters and the array), not counters (5). Stored intervals: 09:30–13:30
        // (16, of which 13 lack h01's meter) and 09:15–09:30, recomputed when the first readings (09:30) arrived and
        // stored Missing with no meter (nothing before it) → (0 + 3 × 3 + 13 × 2) / (17 × 3) = 35/51.
        var quality = all.RootElement.GetProperty("periods")[0].GetProperty("quality");
        Assert.Equal(35.0 / 51, quality.GetProperty("meter_coverage").GetDouble(), Tolerance);
        using var h02 = System.Text.Json.JsonDocument.Parse(await api.Http.GetStringAsync("api/autonomy?from=2026-06-21&to=2026-06-22&resolution=day&household=h02"));
        Assert.Empty(h02.RootElement.GetProperty("counter_events").EnumerateArray());
        // h01 alone: its one meter reported in 3 of those 17 intervals.
        using var h01 = System.Text.Json.JsonDocument.Parse(await api.Http.GetStringAsync("api/autonomy?from=2026-06-21&to=2026-06-22&resolution=day&household=h01"));
        Assert.Equal(3.0 / 17, h01.RootElement.GetProperty("periods")[0].GetProperty("quality").GetProperty("meter_coverage").GetDouble(), Tolerance);
        // The CSV row of the day carries the same events.
        var csv = await api.Http.GetStringAsync("api/autonomy.csv?from=2026-06-21&to=2026-06-22&household=h01");
        Assert.Contains("h01-meter energy_import gap_too_long 2026-06-21T10:05:00Z→2026-06-21T13:05:00Z", csv);
        Assert.Contains("meter_coverage,counter_events", csv.Split('\n')[0]);
    }

    [Fact]
    public async Task A_meter_swap_is_reported_with_its_readings_and_leaves_only_its_own_span_missing()
    {
        var stores = await CreateStoresAsync();
        // h01's meter replaced between 11:05 and 11:10: the new one starts at 0.2 kWh. Boundaries 11:00 and 11:15 lie in
        // different counter segments → 11:00–11:15 Missing; every other interval is on one side of the swap.
        var readings = Readings().Where(r => r.Device != "h01-meter" || r.Time < T0.AddMinutes(60) || r.Time > T0.AddMinutes(185)).ToList();
        readings.RemoveAll(r => r.Device == "h01-meter" && r.Time > T0.AddMinutes(185));
        foreach (var (m, kwh) in new[] { (60, 101.5), (65, 101.7), (70, 0.2), (90, 0.5), (105, 0.8) })
        {
            readings.Add(Golden.Counter("h01-meter", "energy_import", T0.AddMinutes(m), kwh));
            readings.Add(Golden.Counter("h01-meter", "energy_export", T0.AddMinutes(m), 50));
        }
        await LiveAsync(stores, readings, T0.AddMinutes(110));
        var rows = await RowsAsync(stores);

        Assert.Equal([T0.AddMinutes(60).UtcDateTime], rows["h01"].Where(r => r.Quality == IntervalQuality.Missing).Select(r => r.StartUtc));
        var events = await stores.Results.ReadCounterEventsAsync(T0.UtcDateTime, T0.AddHours(2).UtcDateTime, CancellationToken.None);
        var swap = Assert.Single(events);
        Assert.Equal((T0.AddMinutes(60).UtcDateTime, "h01-meter", "energy_import", CounterEventKind.Decrease, T0.AddMinutes(65).UtcDateTime, 101.7, T0.AddMinutes(70).UtcDateTime, 0.2),
            (swap.StartUtc, swap.Device, swap.Quantity, swap.Kind, swap.BeforeUtc, swap.BeforeValue, swap.AfterUtc, swap.AfterValue));
        // 11:15–11:30 on the new meter: 11:15 is between 11:10 (0.2) and 11:30 (0.5) → 0.275; 11:30 = 0.5 → 0.225.
        Assert.Equal(0.225, rows["h01"].Single(r => r.StartUtc == T0.AddMinutes(75).UtcDateTime).Parts.Import, Tolerance);
    }
}

public sealed class SqliteLongSilenceTests : LongSilenceContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxLongSilenceTests(Lustrac.Energy.Testing.SharedServices services) : LongSilenceContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
