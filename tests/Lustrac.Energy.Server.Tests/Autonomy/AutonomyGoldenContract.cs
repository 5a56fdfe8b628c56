using System.Globalization;
using System.Net;
using System.Text.Json;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>Stored readings → service → stored figures → API, run against SQLite and against a real InfluxDB.</summary>
public abstract class AutonomyGoldenContract
{
    private static readonly DateTimeOffset T0 = Golden.T0;
    private const double Tolerance = 1e-9;

    protected abstract Task<AutonomyStores> CreateStoresAsync();

    private async Task<(AutonomyStores Stores, IntervalCloser Calculator)> ClosedGoldenAsync()
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync(Golden.Readings(), CancellationToken.None);
        var calculator = Golden.Calculator(stores);
        await calculator.ResumeAsync(T0.UtcDateTime, CancellationToken.None);
        // 10:32:01 minus the 120 s grace → every interval ending by 10:30 is due.
        var closed = await calculator.CloseDueAsync(T0.AddMinutes(32).AddSeconds(1).UtcDateTime, CancellationToken.None);
        Assert.Equal((T0.UtcDateTime, T0.AddMinutes(30).UtcDateTime), closed);
        return (stores, calculator);
    }

    [Fact]
    public async Task A_stepped_close_computes_the_same_figures_a_step_at_a_time()
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync(Golden.Readings(), CancellationToken.None);
        var calculator = Golden.Calculator(stores);
        await calculator.ResumeAsync(T0.UtcDateTime, CancellationToken.None);
        var now = T0.AddMinutes(32).AddSeconds(1).UtcDateTime;

        var first = await calculator.CloseDueAsync(now, TimeSpan.FromMinutes(15), CancellationToken.None);
        var second = await calculator.CloseDueAsync(now, TimeSpan.FromMinutes(15), CancellationToken.None);
        var third = await calculator.CloseDueAsync(now, TimeSpan.FromMinutes(15), CancellationToken.None);

        Assert.Equal((T0.UtcDateTime, T0.AddMinutes(15).UtcDateTime), first);
        Assert.Equal((T0.AddMinutes(15).UtcDateTime, T0.AddMinutes(30).UtcDateTime), second);
        Assert.Null(third);
        var (whole, _) = await ClosedGoldenAsync();
        var stepped = await stores.Results.ReadEnergyAsync("h01", T0.UtcDateTime, T0.AddMinutes(30).UtcDateTime, CancellationToken.None);
        var atOnce = await whole.Results.ReadEnergyAsync("h01", T0.UtcDateTime, T0.AddMinutes(30).UtcDateTime, CancellationToken.None);
        Assert.Equal(atOnce.Select(r => r.Parts), stepped.Select(r => r.Parts));
    }

    [Fact]
    public async Task Stores_the_interval_balances_computed_by_hand()
    {
        var (stores, _) = await ClosedGoldenAsync();
        var from = T0.UtcDateTime;
        var to = T0.AddMinutes(30).UtcDateTime;
        var h01 = await stores.Results.ReadEnergyAsync("h01", from, to, CancellationToken.None);
        var h02 = await stores.Results.ReadEnergyAsync("h02", from, to, CancellationToken.None);
        var all = await stores.Results.ReadEnergyAsync(null, from, to, CancellationToken.None);
        Assert.Equal(2, h01.Count);
        Assert.All(h01.Concat(h02).Concat(all), r => Assert.Equal(IntervalQuality.Measured, r.Quality));
        Assert.All(h01.Concat(h02).Concat(all), r => Assert.Equal(1.0, r.Coverage));

        // Interval 1: demands (import, no own PV) 1.0 and 0.5 exceed the 1.0 kWh shared → default dynamic key, pro rata:
        // h01 gets 1.0 × 1.0/1.5 = 2/3, h02 gets 1/3. Household SS = allocated / consumption = 2/3 each; SC = 1.
        Assert.Equal(1.0, h01[0].Parts.Consumption, Tolerance);
        Assert.Equal(2.0 / 3, h01[0].Parts.Allocated, Tolerance);
        Assert.Equal(2.0 / 3, h01[0].Parts.SelfSufficiency!.Value, Tolerance);
        Assert.Equal(1.0, h01[0].Parts.SelfConsumption!.Value, Tolerance);
        Assert.Equal(0.0, h01[0].OwnProduction, Tolerance);
        Assert.Equal(1.0 / 3, h02[0].Parts.Allocated, Tolerance);
        // Neighbourhood: consumption 1.5, production 1.0 → import 0.5, export 0; SS = 1.0/1.5, SC = 1.
        Assert.Equal(1.5, all[0].Parts.Consumption, Tolerance);
        Assert.Equal(1.0, all[0].Parts.Production, Tolerance);
        Assert.Equal(0.5, all[0].Parts.Import, Tolerance);
        Assert.Equal(0.0, all[0].Parts.Export, Tolerance);
        Assert.Equal(2.0 / 3, all[0].Parts.SelfSufficiency!.Value, Tolerance);

        // Interval 2: demands 0.5 + 1.5 = 2.0 = production → each gets its demand; SS = 1 for all, nothing exported.
        Assert.Equal(0.5, h01[1].Parts.Allocated, Tolerance);
        Assert.Equal(1.5, h02[1].Parts.Allocated, Tolerance);
        Assert.Equal(1.0, h02[1].Parts.SelfSufficiency!.Value, Tolerance);
        Assert.Equal(2.0, all[1].Parts.Consumption, Tolerance);
        Assert.Equal(0.0, all[1].Parts.Import, Tolerance);
        Assert.Equal(1.0, all[1].Parts.SelfSufficiency!.Value, Tolerance);
    }

    [Fact]
    public async Task Intervals_without_readings_are_stored_missing_with_no_ratio()
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync(Golden.Readings(), CancellationToken.None);
        var calculator = Golden.Calculator(stores);
        await calculator.RecomputeAsync(T0.AddMinutes(-30).UtcDateTime, T0.AddMinutes(30).UtcDateTime, CancellationToken.None);

        var rows = await stores.Results.ReadEnergyAsync(null, T0.AddMinutes(-30).UtcDateTime, T0.UtcDateTime, CancellationToken.None);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(IntervalQuality.Missing, r.Quality));
        Assert.All(rows, r => Assert.Null(r.ToRecord().Value));
    }

    [Fact]
    public async Task Api_day_figures_match_the_hand_computation()
    {
        var (stores, _) = await ClosedGoldenAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(1));

        using var h01 = JsonDocument.Parse(await api.Http.GetStringAsync("api/autonomy?from=2026-06-21&to=2026-06-22&resolution=day&household=h01"));
        var day = h01.RootElement.GetProperty("periods")[0];
        // Paris day 21 June = [20 June 22:00Z, 21 June 22:00Z).
        Assert.Equal("2026-06-20T22:00:00Z", day.GetProperty("start").GetString());
        // h01 over the day: consumption 1.0 + 0.5 = 1.5, allocated 2/3 + 0.5 = 7/6 → SS = (7/6)/1.5 = 7/9 (summed parts, not the mean of 2/3 and 1).
        Assert.Equal(1.5, day.GetProperty("consumption_kwh").GetDouble(), Tolerance);
        Assert.Equal(7.0 / 6, day.GetProperty("allocated_kwh").GetDouble(), Tolerance);
        Assert.Equal(7.0 / 9, day.GetProperty("self_sufficiency").GetDouble(), Tolerance);
        var intervals = day.GetProperty("quality").GetProperty("intervals");
        Assert.Equal(96, intervals.GetProperty("expected").GetInt32());
        Assert.Equal(2, intervals.GetProperty("measured").GetInt32());
        Assert.Equal(94, intervals.GetProperty("missing").GetInt32());
        Assert.Equal(0.85, h01.RootElement.GetProperty("target").GetDouble());

        using var all = JsonDocument.Parse(await api.Http.GetStringAsync("api/autonomy?from=2026-06-21&to=2026-06-22&resolution=day"));
        var n = all.RootElement.GetProperty("periods")[0];
        // Neighbourhood: consumption 1.5 + 2.0 = 3.5, import 0.5 + 0 → SS = 3.0 / 3.5 = 6/7.
        Assert.Equal(3.5, n.GetProperty("consumption_kwh").GetDouble(), Tolerance);
        Assert.Equal(6.0 / 7, n.GetProperty("self_sufficiency").GetDouble(), Tolerance);
        Assert.Equal("neighbourhood", all.RootElement.GetProperty("scope").GetString());
        var progress = all.RootElement.GetProperty("progress").GetProperty("day");
        Assert.Equal(6.0 / 7, progress.GetProperty("self_sufficiency").GetDouble(), Tolerance);
        Assert.True(progress.GetProperty("met").GetBoolean()); // 0.857 ≥ 0.85

        // A day with no data: values are null, not 0.
        using var empty = JsonDocument.Parse(await api.Http.GetStringAsync("api/autonomy?from=2026-06-23&to=2026-06-24&resolution=day"));
        Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("periods")[0].GetProperty("self_sufficiency").ValueKind);
        Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("periods")[0].GetProperty("consumption_kwh").ValueKind);
    }

    [Fact]
    public async Task Late_data_recomputes_only_the_intervals_it_touches()
    {
        var stores = await CreateStoresAsync();
        // Four intervals 09:45–10:45; h02's import reading at 10:15 is held back.
        var late = Golden.Counter("h02-meter", "energy_import", T0.AddMinutes(15), 200.5);
        var early = Golden.Readings().Where(r => r != late).Concat(Edges()).ToList();
        await stores.Readings.WriteAsync(early, CancellationToken.None);
        var recalculation = new LateDataQueue(Golden.Plan);
        var calculator = Golden.Calculator(stores, recalculation);
        await calculator.ResumeAsync(T0.AddMinutes(-15).UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(T0.AddMinutes(47).AddSeconds(1).UtcDateTime, CancellationToken.None);
        var before = await AllRowsAsync(stores.Results);
        // Without 10:15, h02's boundary is interpolated between 10:00 (200.0) and 10:30 (202.0): 1.0 per interval, Interpolated.
        var h02Before = before.Single(r => r.Household == "h02" && r.StartUtc == T0.UtcDateTime);
        Assert.Equal(IntervalQuality.Interpolated, h02Before.Quality);
        Assert.Equal(1.0, h02Before.Parts.Import, Tolerance);

        await stores.Readings.WriteAsync([late], CancellationToken.None);
        recalculation.Touched([late]);
        var recomputed = await calculator.ProcessTouchedAsync(CancellationToken.None);

        // The reading's stored neighbours are 10:00 and 10:30: exactly the two intervals between them.
        Assert.Equal([(T0.UtcDateTime, T0.AddMinutes(30).UtcDateTime)], recomputed);
        var after = await AllRowsAsync(stores.Results);
        var h02After = after.Single(r => r.Household == "h02" && r.StartUtc == T0.UtcDateTime);
        Assert.Equal(IntervalQuality.Measured, h02After.Quality);
        Assert.Equal(0.5, h02After.Parts.Import, Tolerance);
        // Intervals outside the touched range are exactly as before.
        foreach (var edge in new[] { T0.AddMinutes(-15).UtcDateTime, T0.AddMinutes(30).UtcDateTime })
            Assert.Equal(before.Where(r => r.StartUtc == edge), after.Where(r => r.StartUtc == edge));
    }

    [Fact]
    public async Task A_replayed_batch_changes_nothing()
    {
        var (stores, calculator) = await ClosedGoldenAsync();
        var recalculation = new LateDataQueue(Golden.Plan);
        var replaying = Golden.Calculator(stores, recalculation);
        await replaying.ResumeAsync(T0.UtcDateTime, CancellationToken.None);
        var before = await AllRowsAsync(stores.Results);

        var batch = Golden.Readings();
        await stores.Readings.WriteAsync(batch, CancellationToken.None);
        recalculation.Touched(batch);
        var recomputed = await replaying.ProcessTouchedAsync(CancellationToken.None);

        Assert.NotEmpty(recomputed); // it did recompute…
        var after = await AllRowsAsync(stores.Results);
        // …and found the same figures. Intervals before 10:00 had never been closed (the replay's first reading has no
        // stored neighbour before it, so the look-back edge stands in); they are now stored as Missing, with no figure.
        Assert.Equal(before, after.Where(r => r.StartUtc >= T0.UtcDateTime));
        Assert.All(after.Where(r => r.StartUtc < T0.UtcDateTime), r => Assert.Equal(IntervalQuality.Missing, r.Quality));
    }

    [Theory]
    [InlineData("api/autonomy?from=yesterday", "from")]
    [InlineData("api/autonomy?from=2026-06-21T10:00:00", "zone")]
    [InlineData("api/autonomy?household=h99", "unknown household")]
    [InlineData("api/autonomy?from=2026-06-22&to=2026-06-21", "before")]
    [InlineData("api/autonomy?from=2026-01-01&to=2026-06-01&resolution=interval", "range too large")]
    [InlineData("api/autonomy?resolution=week", "resolution")]
    [InlineData("api/autonomy.csv?household=h99", "unknown household")]
    [InlineData("api/water?from=2026-13-01", "from")]
    [InlineData("api/autonomy/compare?from=2026-01-01&to=2026-06-01", "range too large")]
    [InlineData("api/vital-needs?from=yesterday", "from")]
    [InlineData("api/vital-needs?from=2020-01-01&to=2026-01-01&resolution=day", "range too large")]
    [InlineData("api/compost/compost-1/turnings?from=2026-06-21T10:00:00", "zone")]
    public async Task Api_rejects_bad_parameters_with_a_clear_400(string url, string expected)
    {
        var stores = await CreateStoresAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0);

        using var response = await api.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Csv_export_has_a_header_and_invariant_numbers()
    {
        var (stores, _) = await ClosedGoldenAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(1));

        var csv = await api.Http.GetStringAsync("api/autonomy.csv?from=2026-06-21&to=2026-06-22&household=h01");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("start_utc,end_utc,consumption_kwh,", lines[0]);
        Assert.StartsWith("2026-06-20T22:00:00Z,2026-06-21T22:00:00Z,1.5,", lines[1]);

        // The same rows written on a machine whose culture uses decimal commas (built by hand: the test host may
        // run in globalization-invariant mode, where fr-FR cannot be loaded by name).
        var commas = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commas.NumberFormat.NumberDecimalSeparator = ",";
        commas.NumberFormat.NumberGroupSeparator = " ";
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = commas;
        Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture)); // the trap is armed
        try
        {
            var periods = await AutonomyFigures.EnergyPeriodsAsync(stores.Results, Golden.Plan, new RequestedScope("h01"),
                new AutonomyQuery(T0.AddHours(-12).UtcDateTime, T0.AddHours(12).UtcDateTime, Resolution.Day, [T0.AddHours(-12).UtcDateTime, T0.AddHours(12).UtcDateTime]), CancellationToken.None);
            var text = AutonomyCsv.Energy(periods.Periods);
            Assert.Contains(",1.5,", text);
            Assert.DoesNotContain("1,5", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    /// <summary>Readings at 09:45 and 10:45 so the four intervals 09:45–10:45 are all bracketed.</summary>
    private static IEnumerable<StoredReading> Edges() =>
    [
        Golden.Counter("h01-meter", "energy_import", T0.AddMinutes(-15), 99.5),
        Golden.Counter("h01-meter", "energy_import", T0.AddMinutes(45), 102.0),
        Golden.Counter("h01-meter", "energy_export", T0.AddMinutes(-15), 50.0),
        Golden.Counter("h01-meter", "energy_export", T0.AddMinutes(45), 50.0),
        Golden.Counter("h02-meter", "energy_import", T0.AddMinutes(-15), 199.8),
        Golden.Counter("h02-meter", "energy_import", T0.AddMinutes(45), 202.4),
        Golden.Counter("h02-meter", "energy_export", T0.AddMinutes(-15), 10.0),
        Golden.Counter("h02-meter", "energy_export", T0.AddMinutes(45), 10.0),
        Golden.Counter("pv-1-inverter", "energy_produced", T0.AddMinutes(-15), 999.9),
        Golden.Counter("pv-1-inverter", "energy_produced", T0.AddMinutes(45), 1003.5),
    ];

    private static async Task<List<EnergyIntervalRow>> AllRowsAsync(IAutonomyStore results)
    {
        var from = T0.AddHours(-2).UtcDateTime;
        var to = T0.AddHours(2).UtcDateTime;
        var rows = new List<EnergyIntervalRow>();
        foreach (var h in new string?[] { null, "h01", "h02" }) rows.AddRange(await results.ReadEnergyAsync(h, from, to, CancellationToken.None));
        return rows;
    }
}

public sealed class SqliteAutonomyTests : AutonomyGoldenContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxAutonomyTests(Lustrac.Energy.Testing.SharedServices services) : AutonomyGoldenContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
