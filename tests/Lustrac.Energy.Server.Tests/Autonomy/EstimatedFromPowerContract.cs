using System.Text.Json;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// h01's grid meter is replaced between 10:15 and 10:30: its counters cannot give that interval. Its active_power
/// readings cover it, so the interval is estimated from power, and h02 keeps its share of the shared PV under
/// default_dynamic. Without the power readings the interval is missing, for everyone. On both stores.
/// </summary>
public abstract class EstimatedFromPowerContract
{
    private static readonly DateTimeOffset T0 = Golden.T0; // 10:00 UTC
    private const double Tolerance = 1e-9;

    protected abstract Task<AutonomyStores> CreateStoresAsync();

    /// <summary>
    /// Every 15 min from 09:30 to 11:00: h02 imports 0.25 kWh and pv-1 produces 0.5 kWh per interval. h01 imports
    /// 0.5 kWh per interval on its old meter (99.0 at 09:30 … 100.5 at 10:15, export 50), then the new meter reads
    /// 0.3 at 10:30, 0.8, 1.3 (export 0). With power: 10:15 2000 W, 10:20 2000 W, 10:25 1000 W, 10:30 −1000 W.
    /// </summary>
    private static List<StoredReading> Readings(bool withPower)
    {
        var list = new List<StoredReading>();
        for (int k = 0; k <= 6; k++)
        {
            var t = T0.AddMinutes(-30 + 15 * k);
            list.Add(Golden.Counter("h02-meter", "energy_import", t, 200 + 0.25 * k));
            list.Add(Golden.Counter("h02-meter", "energy_export", t, 10));
            list.Add(Golden.Counter("pv-1-inverter", "energy_produced", t, 1000 + 0.5 * k));
            bool oldMeter = k <= 3;
            list.Add(Golden.Counter("h01-meter", "energy_import", t, oldMeter ? 99.0 + 0.5 * k : 0.3 + 0.5 * (k - 4)));
            list.Add(Golden.Counter("h01-meter", "energy_export", t, oldMeter ? 50 : 0));
        }
        if (withPower)
            foreach (var (m, w) in new[] { (15, 2000.0), (20, 2000.0), (25, 1000.0), (30, -1000.0) })
                list.Add(Golden.Reading("h01-meter", "active_power", T0.AddMinutes(m), w));
        return list;
    }

    private static async Task<AutonomyStores> ComputedAsync(AutonomyStores stores, bool withPower)
    {
        await stores.Readings.WriteAsync(Readings(withPower), CancellationToken.None);
        var calculator = Golden.Calculator(stores);
        await calculator.ResumeAsync(T0.AddMinutes(-30).UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(T0.AddMinutes(65).UtcDateTime, CancellationToken.None);
        return stores;
    }

    private static async Task<EnergyIntervalRow> RowAsync(AutonomyStores stores, string? household, int minutes) =>
        (await stores.Results.ReadEnergyAsync(household, T0.UtcDateTime, T0.AddMinutes(60).UtcDateTime, CancellationToken.None))
            .Single(r => r.StartUtc == T0.AddMinutes(minutes).UtcDateTime);

    [Fact]
    public async Task A_replaced_meter_whose_power_covers_the_interval_is_estimated_and_the_others_keep_their_shares()
    {
        var stores = await ComputedAsync(await CreateStoresAsync(), withPower: true);

        // 10:15–10:30 from h01's power (trapezoids): 10:15–10:20 2000 W · 5/60 h = 166.667 Wh; 10:20–10:25
        // 1500 W · 5/60 = 125 Wh; 10:25–10:30 crosses 0 W at 10:27:30: 1000/2 W · 2.5/60 = 20.833 Wh imported, as much
        // exported. Import 0.3125 kWh, export 1/48 kWh; consumption = demand = 0.3125 − 1/48 = 7/24 kWh.
        var h01 = await RowAsync(stores, "h01", 15);
        Assert.Equal(IntervalQuality.Estimated, h01.Quality);
        Assert.Equal(0.3125, h01.Parts.Import, Tolerance);
        Assert.Equal(1.0 / 48, h01.Parts.Export, Tolerance);
        Assert.Equal(7.0 / 24, h01.Parts.Consumption, Tolerance);
        // default_dynamic: demand 7/24 + 6/24 = 13/24 > 0.5 shared → pro rata: h01 0.5 · 7/13 = 7/26, h02 0.5 · 6/13 = 3/13.
        Assert.Equal(7.0 / 26, h01.Parts.Allocated, Tolerance);
        var h02 = await RowAsync(stores, "h02", 15);
        Assert.Equal(IntervalQuality.Measured, h02.Quality);
        Assert.Equal(3.0 / 13, h02.Parts.Allocated, Tolerance);
        // Neighbourhood: consumption 13/24, PV 0.5 all used → SS = 0.5 / (13/24) = 12/13; estimated, every meter reporting.
        var all = await RowAsync(stores, null, 15);
        Assert.Equal(IntervalQuality.Estimated, all.Quality);
        Assert.Equal(12.0 / 13, all.Parts.SelfSufficiency!.Value, Tolerance);
        Assert.Equal((3, 3), (all.MetersReporting, all.MetersExpected));
        // The intervals either side come from the counters: 10:00–10:15 old meter, 10:30–10:45 new meter, 0.5 kWh each.
        Assert.Equal((IntervalQuality.Measured, 0.5), ((await RowAsync(stores, "h01", 0)).Quality, (await RowAsync(stores, "h01", 0)).Parts.Import));
        Assert.Equal(0.5, (await RowAsync(stores, "h01", 30)).Parts.Import, Tolerance);

        // The store's sums count it as estimated: 10:00–11:00 has 3 measured and 1 estimated interval per scope.
        var sums = await stores.Results.SumEnergyAsync(ScopeSelection.EveryScope, [T0.UtcDateTime, T0.AddHours(1).UtcDateTime], CancellationToken.None);
        Assert.Equal((3, 0, 1), (sums["h01"][0]!.Value.Measured, sums["h01"][0]!.Value.Interpolated, sums["h01"][0]!.Value.Estimated));
        Assert.Equal((4, 0), (sums["h02"][0]!.Value.Measured, sums["h02"][0]!.Value.Estimated));
        Assert.Equal((3, 1), (sums[EnergySums.Neighbourhood][0]!.Value.Measured, sums[EnergySums.Neighbourhood][0]!.Value.Estimated));

        // The API's day (from energy_day) counts it, and the two counter events say the interval was estimated.
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(6));
        using var day = JsonDocument.Parse(await api.Http.GetStringAsync("api/autonomy?from=2026-06-21&to=2026-06-22&resolution=day"));
        var intervals = day.RootElement.GetProperty("periods")[0].GetProperty("quality").GetProperty("intervals");
        Assert.Equal(1, intervals.GetProperty("estimated").GetInt32());
        Assert.Equal(intervals.GetProperty("measured").GetInt32() + intervals.GetProperty("interpolated").GetInt32() + 1,
            intervals.GetProperty("present").GetInt32());
        var events = day.RootElement.GetProperty("counter_events").EnumerateArray().ToList();
        Assert.Equal(["energy_export", "energy_import"], events.Select(e => e.GetProperty("quantity").GetString()).Order());
        Assert.All(events, e => Assert.Equal(("reset_or_replacement", 1, 1),
            (e.GetProperty("kind").GetString(), e.GetProperty("intervals").GetInt32(), e.GetProperty("estimated_from_power").GetInt32())));
        var csv = await api.Http.GetStringAsync("api/autonomy.csv?from=2026-06-21&to=2026-06-22&household=h01");
        Assert.Contains("h01-meter energy_import reset_or_replacement 2026-06-21T10:15:00Z→2026-06-21T10:30:00Z estimated from power 1/1", csv);
        Assert.Contains("intervals_estimated", csv.Split('\n')[0]);
    }

    [Fact]
    public async Task Without_power_readings_the_interval_stays_missing_for_everyone()
    {
        var stores = await ComputedAsync(await CreateStoresAsync(), withPower: false);

        // h01's 10:15 interval is unknown; under default_dynamic every share of it is, so h02 and the neighbourhood too.
        Assert.Equal(IntervalQuality.Missing, (await RowAsync(stores, "h01", 15)).Quality);
        Assert.Equal(IntervalQuality.Missing, (await RowAsync(stores, "h02", 15)).Quality);
        Assert.Equal(IntervalQuality.Missing, (await RowAsync(stores, null, 15)).Quality);
        Assert.Equal(IntervalQuality.Measured, (await RowAsync(stores, "h01", 30)).Quality);

        var sums = await stores.Results.SumEnergyAsync(ScopeSelection.EveryScope, [T0.UtcDateTime, T0.AddHours(1).UtcDateTime], CancellationToken.None);
        Assert.Equal((3, 0), (sums["h01"][0]!.Value.Measured, sums["h01"][0]!.Value.Estimated));

        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(6));
        using var day = JsonDocument.Parse(await api.Http.GetStringAsync("api/autonomy?from=2026-06-21&to=2026-06-22&resolution=day"));
        Assert.Equal(0, day.RootElement.GetProperty("periods")[0].GetProperty("quality").GetProperty("intervals").GetProperty("estimated").GetInt32());
        var events = day.RootElement.GetProperty("counter_events").EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(0, e.GetProperty("estimated_from_power").GetInt32()));
    }
}

public sealed class SqliteEstimatedFromPowerTests : EstimatedFromPowerContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxEstimatedFromPowerTests(Lustrac.Energy.Testing.SharedServices services) : EstimatedFromPowerContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
