using System.Net;
using System.Text.Json;
using Lustrac.Energy.Server.Tests.Autonomy;

namespace Lustrac.Energy.Server.Tests.Explain;

/// <summary>
/// /api/explain on the golden day (<see cref="Golden.Readings"/>: two measured intervals, 10:00 and 10:15 UTC on
/// 21 June 2026) against SQLite and a real InfluxDB: the table, sums and filled formula equal the hand computation,
/// and the sums equal /api/autonomy's for the same range.
/// </summary>
public abstract class ExplainGoldenContract
{
    private static readonly DateTimeOffset T0 = Golden.T0;
    private const string Day = "from=2026-06-21&to=2026-06-22";

    protected abstract Task<AutonomyStores> CreateStoresAsync();

    private async Task<AutonomyStores> ClosedAsync(SiteModelChoice site = SiteModelChoice.Golden)
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync([.. Golden.Readings(), .. WaterGoldenContract.Readings()], CancellationToken.None);
        var plan = site == SiteModelChoice.Golden ? Golden.Plan : Lustrac.Energy.Server.Figures.SitePlan.From(NonConsentingSite);
        var calculator = Golden.Calculator(stores, plan: plan);
        await calculator.ResumeAsync(T0.UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(T0.AddMinutes(32).AddSeconds(1).UtcDateTime, CancellationToken.None);
        return stores;
    }

    public enum SiteModelChoice { Golden, H01WithoutConsent }

    private static readonly Lustrac.Energy.Protocol.Site.SiteModel NonConsentingSite = Lustrac.Energy.Protocol.Site.SiteLoader.Parse(
        AutonomyTestSite.Yaml().Replace("  - id: h01\n    consent_fine_data: true", "  - id: h01\n    consent_fine_data: false", StringComparison.Ordinal));

    private static async Task<JsonElement> Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static double Cell(JsonElement row, string column) => row.GetProperty(column).GetDouble();

    [Fact]
    public async Task Self_sufficiency_of_the_neighbourhood_is_filled_with_the_hand_computed_intervals_and_sums()
    {
        var stores = await ClosedAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(1));
        var e = await Get(api.Http, $"api/explain/self_sufficiency?{Day}");

        Assert.Equal("2026-06-20T22:00:00Z", e.GetProperty("from").GetString()); // Paris day = [20 June 22:00Z, 21 June 22:00Z)
        var rows = e.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("quality").GetString() != "missing").ToList();
        Assert.Equal(["2026-06-21T10:00:00Z", "2026-06-21T10:15:00Z"], rows.Select(r => r.GetProperty("start").GetString()));
        // Interval 1: h01 imports 1.0, h02 0.5 → consumption 1.5; pv-1 makes 1.0 (all shared); self-consumed = min(1.5, 1.0)
        // = 1.0; import 1.5 − 1.0 = 0.5, export 0; default dynamic key: h01 1.0 × 1.0/1.5 = 2/3, h02 1/3.
        Near.Amount(1.5, Cell(rows[0], "consumption_kwh"));
        Near.Amount(1.0, Cell(rows[0], "production_kwh"));
        Near.Amount(1.0, Cell(rows[0], "shared_production_kwh"));
        Near.Amount(1.0, Cell(rows[0], "self_consumed_kwh"));
        Near.Amount(0.5, Cell(rows[0], "import_kwh"));
        Near.Amount(0.0, Cell(rows[0], "export_kwh"));
        Near.Ratio(2.0 / 3, Cell(rows[0], "allocated_kwh:h01"));
        Near.Ratio(1.0 / 3, Cell(rows[0], "allocated_kwh:h02"));
        // Interval 2: 0.5 + 1.5 = 2.0 consumed, 2.0 produced → self-consumed 2.0, no import, no export; each gets its demand.
        Near.Amount(2.0, Cell(rows[1], "consumption_kwh"));
        Near.Amount(2.0, Cell(rows[1], "self_consumed_kwh"));
        Near.Amount(0.0, Cell(rows[1], "import_kwh"));
        Near.Amount(0.5, Cell(rows[1], "allocated_kwh:h01"));
        Near.Amount(1.5, Cell(rows[1], "allocated_kwh:h02"));

        // Sums: consumption 1.5 + 2.0 = 3.5, locally supplied 1.0 + 2.0 = 3.0 → SS = 3.0 / 3.5 = 6/7 = 0.8571.
        var sums = e.GetProperty("sums");
        Near.Amount(3.5, Cell(sums, "consumption_kwh"));
        Near.Amount(3.0, Cell(sums, "locally_supplied_kwh"));
        Near.Amount(0.5, Cell(sums, "import_kwh"));
        Near.Amount(2.0 / 3 + 0.5, Cell(sums, "allocated_kwh:h01"));
        Near.Ratio(6.0 / 7, e.GetProperty("value").GetDouble());
        Assert.Equal("SS = 3 / 3.5 = 0.8571", e.GetProperty("filled").GetString());
        Assert.Equal(0, e.GetProperty("hidden_households").GetInt32());

        // The sums are /api/autonomy's for the same range, to the last digit.
        var autonomy = (await Get(api.Http, $"api/autonomy?{Day}&resolution=day")).GetProperty("total");
        foreach (var column in new[] { "consumption_kwh", "production_kwh", "self_consumed_kwh", "import_kwh", "export_kwh", "allocated_kwh" })
            Assert.Equal(autonomy.GetProperty(column).GetDouble(), Cell(sums, column));
        Assert.Equal(autonomy.GetProperty("self_sufficiency").GetDouble(), e.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Self_consumption_allocation_and_a_household_are_filled_by_hand()
    {
        var stores = await ClosedAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(1));

        // SC = Σ self-consumed / Σ production = (1.0 + 2.0) / (1.0 + 2.0) = 1.
        var sc = await Get(api.Http, $"api/explain/self_consumption?{Day}");
        Assert.Equal("SC = 3 / 3 = 1", sc.GetProperty("filled").GetString());
        // h01: consumption 1.0 + 0.5 = 1.5, locally supplied = its shares 2/3 + 0.5 = 7/6 → SS = (7/6) / 1.5 = 7/9 = 0.7778.
        var h01 = await Get(api.Http, $"api/explain/self_sufficiency?{Day}&household=h01");
        Assert.Equal("SS = 1.1667 / 1.5 = 0.7778", h01.GetProperty("filled").GetString());
        Near.Ratio(7.0 / 9, h01.GetProperty("value").GetDouble());
        // h01's share of the shared arrays: 7/6 of 1.0 + 2.0 = 3.0 kWh shared → 7/18 = 0.3889.
        var share = await Get(api.Http, $"api/explain/allocation?{Day}&household=h01");
        Assert.Equal("share = 1.1667 / 3 = 0.3889", share.GetProperty("filled").GetString());
        Assert.Contains("default_dynamic", share.GetProperty("formula").GetString());
        // Vital needs of the day: energy 3.0 / 3.5 = 0.8571, water 60 / (60 + 60) = 0.5, compost 0 kg of 0 kg, undefined (no scale
        // readings) → index = mean of the two defined = (0.8571 + 0.5) / 2 = 0.6786.
        var vital = await Get(api.Http, $"api/explain/vital_needs?{Day}");
        Assert.Equal("energy = 3 / 3.5 = 0.8571; water = 60 / 120 = 0.5; compost = 0 / 0 = —; index = (0.8571 + 0.5) / 2 = 0.6786",
            vital.GetProperty("filled").GetString());
        Near.Ratio((6.0 / 7 + 0.5) / 2, vital.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Water_autonomy_and_tank_days_left_are_filled_by_hand()
    {
        var stores = await ClosedAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(1));

        // Neighbourhood: rain 30 + 30 = 60 L, mains (10 + 40) + (0 + 10) = 60 L → 60 / (60 + 60) = 0.5.
        var water = await Get(api.Http, $"api/explain/water_autonomy?{Day}");
        Assert.Equal("WA = 60 / (60 + 60) = 0.5", water.GetProperty("filled").GetString());
        var api_ = (await Get(api.Http, $"api/water?{Day}")).GetProperty("total");
        Assert.Equal(api_.GetProperty("water_autonomy").GetDouble(), water.GetProperty("value").GetDouble());

        // Tank at 10:15: 0.98 m × 3141.5927 L/m = 3078.7608 L; drawn over the last day 0.11 m × 3141.5927 = 345.5752 L → 8.9091 days.
        var tank = await Get(api.Http, $"api/explain/tank_days_left?{Day}&asset=tank-1");
        Assert.Equal("days left = 3078.7608 / 345.5752 = 8.9091", tank.GetProperty("filled").GetString());
        Near.Ratio(8.9091, tank.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task The_handout_is_the_table_and_its_sums_in_csv()
    {
        var stores = await ClosedAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(1));
        var csv = (await api.Http.GetStringAsync($"api/explain/self_sufficiency.csv?{Day}")).TrimEnd('\n').Split('\n');

        Assert.Equal("start_utc,quality,consumption_kwh,production_kwh,shared_production_kwh,self_consumed_kwh,locally_supplied_kwh," +
            "import_kwh,export_kwh,allocated_kwh,allocated_kwh:h01,allocated_kwh:h02", csv[0]);
        var first = csv.Single(l => l.StartsWith("2026-06-21T10:00:00Z", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["measured", "1.5", "1"], first[1..4]);
        // Last row: the sums (consumption 3.5, import 0.5), no time.
        var sum = csv[^1].Split(',');
        Assert.Equal(["", "sum", "3.5"], sum[..3]);
        Assert.Equal("0.5", sum[7]);
    }

    [Fact]
    public async Task The_keys_compared_are_a_handout_too()
    {
        var stores = await ClosedAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(1));
        var csv = (await api.Http.GetStringAsync($"api/autonomy/compare.csv?{Day}&household=h01")).TrimEnd('\n').Split('\n');
        Assert.StartsWith("key,row,scope,start_utc,end_utc,consumption_kwh,allocated_kwh", csv[0]);
        // Default dynamic, h01's day: 2/3 + 0.5 = 7/6 kWh allocated of 1.5 consumed (as in /api/autonomy/compare).
        var total = csv.Single(l => l.StartsWith("default_dynamic,total,h01,", StringComparison.Ordinal)).Split(',');
        Near.Amount(1.5, double.Parse(total[5], System.Globalization.CultureInfo.InvariantCulture));
        Near.Ratio(7.0 / 6, double.Parse(total[6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(csv, l => l.StartsWith("static,total,h01,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("equal_share,total,h01,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_requests_name_what_is_wrong()
    {
        var stores = await ClosedAsync();
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(1));
        foreach (var (path, words) in new[]
        {
            ("api/explain/autarky", "not one of self_sufficiency"),
            ("api/explain/self_sufficiency?resolution=interval", "resolution"),
            ("api/explain/tank_days_left", "asset: give the tank, one of tank-1"),
            ("api/explain/compost_progress?pile=heap-9", "pile: give the compost pile, one of compost-1"),
            ("api/explain/vital_needs?household=h01", "shared assets"),
            ("api/explain/self_sufficiency?from=2026-01-01&to=2026-06-01", "at most 31 days"),
        })
        {
            using var response = await api.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(words, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_household_without_consent_is_shown_only_to_itself_and_hidden_from_the_shared_table()
    {
        var stores = await ClosedAsync(SiteModelChoice.H01WithoutConsent);
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(1), NonConsentingSite);

        using var operatorView = await api.Http.GetAsync($"api/explain/self_sufficiency?{Day}&household=h01");
        Assert.Equal(HttpStatusCode.Forbidden, operatorView.StatusCode);
        using var publicView = await api.Anonymous.GetAsync($"api/explain/self_sufficiency?{Day}&household=h01");
        Assert.Equal(HttpStatusCode.Forbidden, publicView.StatusCode);
        var own = await Get(api.Household, $"api/explain/self_sufficiency?{Day}&household=h01");
        Near.Ratio(7.0 / 9, own.GetProperty("value").GetDouble());

        // The neighbourhood's table: the operator sees h02's shares (it consented), not h01's; the shared screen sees none.
        var byOperator = await Get(api.Http, $"api/explain/allocation?{Day}");
        Assert.Equal(["allocated_kwh:h02"], byOperator.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).Where(c => c!.Contains(':')));
        Assert.Equal(1, byOperator.GetProperty("hidden_households").GetInt32());
        var byScreen = await Get(api.Anonymous, $"api/explain/allocation?{Day}");
        Assert.DoesNotContain(byScreen.GetProperty("columns").EnumerateArray(), c => c.GetString()!.Contains(':'));
        Assert.Equal(2, byScreen.GetProperty("hidden_households").GetInt32());
        // The neighbourhood's own figure is the same for everyone: Σ allocated 3.0 / shared 3.0 = 1.
        Assert.Equal("share = 3 / 3 = 1", byScreen.GetProperty("filled").GetString());
    }
}

public sealed class SqliteExplainTests : ExplainGoldenContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxExplainTests(Lustrac.Energy.Testing.SharedServices services) : ExplainGoldenContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
