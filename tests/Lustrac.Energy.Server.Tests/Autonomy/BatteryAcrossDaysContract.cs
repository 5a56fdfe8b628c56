using System.Text.Json;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// A home battery charged from the roof's PV on 21 June (Paris) and discharged on the 22nd, through the server: the
/// local midnight (22:00Z) falls between charge and discharge. DOMAIN.md defines SS = 1 − grid import / consumption
/// over the interval set, with consumption = production + import + discharge − export − charge, per interval: the
/// stored energy counts as local supply on the day it is consumed, and as neither consumption nor export the day
/// it is stored.
/// </summary>
public abstract class BatteryAcrossDaysContract
{
    private static readonly Protocol.Site.SiteModel Site = AutonomyTestSite.BatteryModel();
    private static readonly SitePlan Plan = SitePlan.From(Site);
    private static readonly DateTimeOffset Charge = new(2026, 6, 21, 14, 0, 0, TimeSpan.Zero); // 16:00 in Paris
    private static readonly DateTimeOffset Discharge = new(2026, 6, 22, 5, 0, 0, TimeSpan.Zero); // 07:00 in Paris, next day

    protected abstract Task<AutonomyStores> CreateStoresAsync();

    /// <summary>
    /// Counters (kWh) at 14:00, 14:15, 14:30 on the 21st, then 05:00, 05:15, 05:30 on the 22nd (flat in between):
    /// <code>
    ///               14:00   14:15   14:30 | 05:00   05:15   05:30     interval energies
    /// import        500.0   500.0   500.1 | 500.1   500.3   500.7     0.0, 0.1 | 0.2, 0.4
    /// export        300.0   300.5   300.5 | 300.5   300.5   300.5     0.5, 0.0 | 0, 0
    /// PV           1000.0  1002.0  1003.0 |1003.0  1003.0  1003.0     2.0, 1.0 | 0, 0
    /// charged        50.0    51.2    52.0 |  52.0    52.0    52.0     1.2, 0.8 | 0, 0
    /// discharged     40.0    40.0    40.0 |  40.0    41.0    41.8     0, 0     | 1.0, 0.8
    /// </code>
    /// </summary>
    private static IEnumerable<StoredReading> Readings()
    {
        var series = new (string Device, string Quantity, double[] Values)[]
        {
            ("h01-meter", "energy_import", [500.0, 500.0, 500.1, 500.1, 500.3, 500.7]),
            ("h01-meter", "energy_export", [300.0, 300.5, 300.5, 300.5, 300.5, 300.5]),
            ("h01-pv", "energy_produced", [1000.0, 1002.0, 1003.0, 1003.0, 1003.0, 1003.0]),
            ("h01-battery", "energy_charged", [50.0, 51.2, 52.0, 52.0, 52.0, 52.0]),
            ("h01-battery", "energy_discharged", [40.0, 40.0, 40.0, 40.0, 41.0, 41.8]),
        };
        DateTimeOffset[] times = [Charge, Charge.AddMinutes(15), Charge.AddMinutes(30), Discharge, Discharge.AddMinutes(15), Discharge.AddMinutes(30)];
        return series.SelectMany(s => s.Values.Select((v, i) => Golden.Reading(Site, s.Device, s.Quantity, times[i], v)));
    }

    private async Task<AutonomyStores> ClosedAsync()
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync(Readings().ToList(), CancellationToken.None);
        var calculator = Golden.Calculator(stores, plan: Plan);
        await calculator.ResumeAsync(Charge.UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(Discharge.AddMinutes(32).AddSeconds(1).UtcDateTime, CancellationToken.None);
        return stores;
    }

    [Fact]
    public async Task Stored_energy_is_local_supply_on_the_day_it_is_consumed()
    {
        var stores = await ClosedAsync();
        await using var api = await AutonomyApi.StartAsync(stores, Discharge.AddHours(1), Site);

        using var doc = JsonDocument.Parse(await api.Http.GetStringAsync("api/autonomy?from=2026-06-21&to=2026-06-23&resolution=day&household=h01"));
        var days = doc.RootElement.GetProperty("periods");
        Assert.Equal(["2026-06-20T22:00:00Z", "2026-06-21T22:00:00Z"], days.EnumerateArray().Select(d => d.GetProperty("start").GetString()));

        // 21 June: C = 0.3 + 0.3 = 0.6, import 0.1 → SS = 1 − 0.1/0.6 = 83.33 %. Production 3.0, export 0.5: the 2.0 kWh
        // put in the battery is self-consumed PV, not export → SC = 2.5/3.0 = 83.33 %.
        Near.Amount(0.6, Near.Number(days[0], "consumption_kwh"));
        Near.Ratio(5.0 / 6, Near.Number(days[0], "self_sufficiency"));
        Near.Ratio(5.0 / 6, Near.Number(days[0], "self_consumption"));
        // 22 June: C = 1.2 + 1.2 = 2.4, import 0.6 → SS = 1 − 0.6/2.4 = 75 %: the 1.8 kWh discharged (yesterday's PV)
        // is local supply today. Nothing produced: SC null, not 0.
        Near.Amount(2.4, Near.Number(days[1], "consumption_kwh"));
        Near.Amount(0.6, Near.Number(days[1], "import_kwh"));
        Near.Ratio(0.75, Near.Number(days[1], "self_sufficiency"));
        Assert.Equal(JsonValueKind.Null, days[1].GetProperty("self_consumption").ValueKind);
        // Both days: 1 − 0.7/3.0 = 76.67 %, the same as summing the two days' parts (0.5 + 1.8 of 0.6 + 2.4).
        Near.Ratio(2.3 / 3.0, Near.Number(doc.RootElement.GetProperty("total"), "self_sufficiency"));

        // The stored rows keep the battery flows on the day they happened.
        DateTime day1 = new(2026, 6, 20, 22, 0, 0, DateTimeKind.Utc), day2 = day1.AddDays(1), end = day2.AddDays(1);
        var first = await stores.Results.ReadEnergyAsync("h01", day1, day2, CancellationToken.None);
        Near.Amount(2.0, first.Sum(r => r.Parts.BatteryCharge));
        Near.Amount(0.0, first.Sum(r => r.Parts.BatteryDischarge));
        var second = await stores.Results.ReadEnergyAsync("h01", day2, end, CancellationToken.None);
        Near.Amount(1.8, second.Sum(r => r.Parts.BatteryDischarge));
        Near.Amount(0.0, second.Sum(r => r.Parts.BatteryCharge));
    }
}

public sealed class SqliteBatteryAcrossDaysTests : BatteryAcrossDaysContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxBatteryAcrossDaysTests(Lustrac.Energy.Testing.SharedServices services) : BatteryAcrossDaysContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
