using System.Net;
using System.Text.Json;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// The daily vital_needs row and /api/vital-needs over two days a month apart: components from summed parts, the
/// documented weights (equal thirds, renormalised over the defined components), progress per day, month and 12 months.
/// </summary>
public abstract class VitalNeedsGoldenContract
{
    private static readonly DateTimeOffset T0 = Golden.T0;
    /// <summary>20 May 2026 10:00Z: a day in the month before.</summary>
    private static readonly DateTimeOffset T1 = new(2026, 5, 20, 10, 0, 0, TimeSpan.Zero);

    protected abstract Task<AutonomyStores> CreateStoresAsync();

    /// <summary>
    /// 21 June: the energy golden readings (neighbourhood consumption 3.5 kWh, locally supplied 3.0), the water golden
    /// readings (rain 60 L of 120 L) and the scales: 12 kg diverted into compost, 3 kg to the residual bin.
    /// </summary>
    private static IEnumerable<StoredReading> June() =>
    [
        .. Golden.Readings(),
        .. WaterGoldenContract.Readings(),
        Golden.Reading("scale-compost", "mass", T0, 100), Golden.Reading("scale-compost", "mass", T0.AddMinutes(15), 106),
        Golden.Reading("scale-compost", "mass", T0.AddMinutes(30), 112),
        Golden.Reading("scale-residual", "mass", T0, 50), Golden.Reading("scale-residual", "mass", T0.AddMinutes(15), 51),
        Golden.Reading("scale-residual", "mass", T0.AddMinutes(30), 53),
    ];

    /// <summary>
    /// 20 May, one interval 10:00–10:15: h01 imports 1.0, h02 2.0, the shared array makes 1.5 → neighbourhood consumption
    /// 3.0, locally supplied 1.5. Water: h01 mains 20 and rain 20, h02 mains 20 → rain 20 of 60 L. Nothing weighed.
    /// </summary>
    private static IEnumerable<StoredReading> May()
    {
        StoredReading R(string device, string quantity, int minutes, double value) => Golden.Reading(device, quantity, T1.AddMinutes(minutes), value);
        return
        [
            R("h01-meter", "energy_import", 0, 90.0), R("h01-meter", "energy_import", 15, 91.0),
            R("h01-meter", "energy_export", 0, 40.0), R("h01-meter", "energy_export", 15, 40.0),
            R("h02-meter", "energy_import", 0, 190.0), R("h02-meter", "energy_import", 15, 192.0),
            R("h02-meter", "energy_export", 0, 5.0), R("h02-meter", "energy_export", 15, 5.0),
            R("pv-1-inverter", "energy_produced", 0, 900.0), R("pv-1-inverter", "energy_produced", 15, 901.5),
            R("h01-water-mains", "water_volume", 0, 900), R("h01-water-mains", "water_volume", 15, 920),
            R("h01-water-rain", "water_volume", 0, 400), R("h01-water-rain", "water_volume", 15, 420),
            R("h02-water-mains", "water_volume", 0, 1900), R("h02-water-mains", "water_volume", 15, 1920),
        ];
    }

    private async Task<AutonomyStores> ComputedAsync()
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync([.. June(), .. May()], CancellationToken.None);
        var calculator = Golden.Calculator(stores);
        await calculator.ResumeAsync(T0.UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(T0.AddMinutes(32).AddSeconds(1).UtcDateTime, CancellationToken.None);
        await calculator.RecomputeAsync(T1.UtcDateTime, T1.AddMinutes(15).UtcDateTime, CancellationToken.None);
        return stores;
    }

    [Fact]
    public async Task Stores_the_days_components_index_and_their_sums()
    {
        var stores = await ComputedAsync();

        var june = Assert.Single(await stores.Results.ReadVitalNeedsAsync(T0.AddDays(-1).UtcDateTime, T0.AddDays(1).UtcDateTime, CancellationToken.None));
        Assert.Equal(new DateTime(2026, 6, 20, 22, 0, 0, DateTimeKind.Utc), june.DayStartUtc); // Paris midnight
        // Energy 3.0 / 3.5 = 85.71 %, water 60 / 120 = 50 %, compost 12 / 15 = 80 %.
        // Index = (0.857143 + 0.5 + 0.8) / 3 = 71.90 % (equal thirds), below the 85 % target.
        Near.Ratio(3.0 / 3.5, june.Energy);
        Near.Ratio(0.5, june.Water);
        Near.Ratio(0.8, june.Compost);
        Near.Ratio(0.719048, june.Index);
        Assert.Equal(0.85, june.Target);
        Assert.Equal((3.0, 3.5), (june.Parts.Energy!.Value.Part, june.Parts.Energy!.Value.Whole));
        Assert.Equal((60.0, 120.0), (june.Parts.Water!.Value.Part, june.Parts.Water!.Value.Whole));
        Assert.Equal((12.0, 15.0), (june.Parts.Compost!.Value.Part, june.Parts.Compost!.Value.Whole));

        var may = Assert.Single(await stores.Results.ReadVitalNeedsAsync(T1.AddDays(-1).UtcDateTime, T1.AddDays(1).UtcDateTime, CancellationToken.None));
        // Energy 1.5 / 3.0 = 50 %, water 20 / 60 = 33.33 %, compost undefined (nothing weighed): the weights are
        // renormalised over the two defined components → (0.5 + 0.333333) / 2 = 41.67 %, not (0.5 + 0.3333 + 0) / 3.
        Near.Ratio(0.5, may.Energy);
        Near.Ratio(1.0 / 3, may.Water);
        Assert.Null(may.Compost);
        Near.Ratio(0.416667, may.Index);
    }

    [Fact]
    public async Task Api_rolls_days_into_months_and_reports_progress_from_summed_parts()
    {
        var stores = await ComputedAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(2));

        using var doc = JsonDocument.Parse(await api.Http.GetStringAsync("api/vital-needs?from=2026-05-01&to=2026-07-01&resolution=month"));
        var root = doc.RootElement;
        Assert.Equal(0.85, root.GetProperty("target").GetDouble());
        Near.Ratio(1.0 / 3, Near.Number(root.GetProperty("weights"), "energy"));
        Near.Ratio(1.0 / 3, Near.Number(root.GetProperty("weights"), "water"));
        Near.Ratio(1.0 / 3, Near.Number(root.GetProperty("weights"), "compost"));

        var may = root.GetProperty("periods")[0];
        var june = root.GetProperty("periods")[1];
        Assert.Equal("2026-04-30T22:00:00Z", may.GetProperty("start").GetString());
        Near.Ratio(0.416667, Near.Number(may, "index"));
        Assert.Equal((31, 1), (may.GetProperty("days").GetProperty("expected").GetInt32(), may.GetProperty("days").GetProperty("with_data").GetInt32()));
        Near.Ratio(0.719048, Near.Number(june, "index"));
        Assert.False(june.GetProperty("met").GetBoolean());
        Near.Ratio(0.719048 / 0.85, Near.Number(june, "progress"));

        // Both months from summed parts: energy (3.0 + 1.5) / (3.5 + 3.0) = 69.23 %, water (60 + 20) / (120 + 60) =
        // 44.44 %, compost 12 / 15 = 80 % → index (0.692308 + 0.444444 + 0.8) / 3 = 64.56 %.
        // (The mean of the two monthly indexes would say 56.79 %.)
        var total = root.GetProperty("total");
        Near.Ratio(4.5 / 6.5, Near.Number(total, "energy"));
        Near.Ratio(80.0 / 180, Near.Number(total, "water"));
        Near.Ratio(0.8, Near.Number(total, "compost"));
        Near.Ratio(0.645584, Near.Number(total, "index"));

        // Progress at the reference time (now, 21 June 12:00Z): the day and June hold 21 June only; the rolling
        // 12 months [22 June 2025, 22 June 2026) hold both days.
        var progress = root.GetProperty("progress");
        Near.Ratio(0.719048, Near.Number(progress.GetProperty("day"), "index"));
        Assert.Equal("2026-06-20T22:00:00Z", progress.GetProperty("day").GetProperty("start").GetString());
        Near.Ratio(0.719048, Near.Number(progress.GetProperty("month"), "index"));
        var year = progress.GetProperty("rolling_12_months");
        Assert.Equal("2025-06-21T22:00:00Z", year.GetProperty("start").GetString());
        Near.Ratio(0.645584, Near.Number(year, "index"));
        Near.Ratio(0.645584 / 0.85, Near.Number(year, "progress"));
        Assert.Equal(2, year.GetProperty("days").GetProperty("with_data").GetInt32());

        // A month without data: null, never 0.
        using var april = JsonDocument.Parse(await api.Http.GetStringAsync("api/vital-needs?from=2026-04-01&to=2026-05-01&resolution=month"));
        Assert.Equal(JsonValueKind.Null, april.RootElement.GetProperty("periods")[0].GetProperty("index").ValueKind);
    }

    [Fact]
    public async Task Api_refuses_the_interval_resolution()
    {
        var stores = await CreateStoresAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0);

        using var response = await api.Http.GetAsync("api/vital-needs?resolution=interval");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("per local day", await response.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteVitalNeedsTests : VitalNeedsGoldenContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxVitalNeedsTests(Lustrac.Energy.Testing.SharedServices services) : VitalNeedsGoldenContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
