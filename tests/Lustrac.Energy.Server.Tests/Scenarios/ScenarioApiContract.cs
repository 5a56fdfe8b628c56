using System.Net;
using System.Text;
using System.Text.Json;
using Lustrac.Energy.Server.Tests.Autonomy;

namespace Lustrac.Energy.Server.Tests.Scenarios;

/// <summary>
/// Scenarios through the HTTP API over each store, on the golden readings (<see cref="Golden.Readings"/>): 21 June,
/// 10:00–10:30 UTC, two homes, one shared array pv-1, default dynamic key.
/// <code>
///              10:00–10:15   10:15–10:30
/// h01 import       1.0           0.5
/// h02 import       0.5           1.5
/// pv-1             1.0           2.0
/// </code>
/// </summary>
public abstract class ScenarioApiContract
{
    protected abstract Task<AutonomyStores> CreateStoresAsync();

    private async Task<ScenarioApi> StartAsync()
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync(Golden.Readings().ToList(), CancellationToken.None);
        var calculator = Golden.Calculator(stores);
        await calculator.ResumeAsync(Golden.T0.UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(Golden.T0.AddMinutes(32).UtcDateTime, CancellationToken.None);
        return await ScenarioApi.StartAsync(stores, Golden.T0.AddHours(1), Golden.Site);
    }

    private static async Task<string> SaveAsync(ScenarioApi api, string json)
    {
        using var response = await api.Operator.PostAsync("api/scenarios", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ResultAsync(HttpClient http, string id, string resolution = "day")
    {
        var text = await http.GetStringAsync($"api/scenarios/{id}/result?from=2026-06-21&to=2026-06-22&resolution={resolution}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_scenario_with_no_change_equals_the_actual_figures_and_the_stored_ones()
    {
        await using var api = await StartAsync();
        var id = await SaveAsync(api, """{"name": "nothing changes"}""");
        var result = await ResultAsync(api.Operator, id);
        var rows = result.GetProperty("neighbourhood").EnumerateArray().Concat(
            result.GetProperty("households").EnumerateArray().SelectMany(h => h.GetProperty("periods").EnumerateArray())).ToArray();
        Assert.Equal(3, rows.Length); // one day: the neighbourhood, h01, h02
        foreach (var row in rows)
        {
            // Both sides are the engine over the same stored history: the JSON is the same, digit for digit.
            Assert.Equal(row.GetProperty("actual").GetRawText(), row.GetProperty("scenario").GetRawText());
            Assert.Equal(0, row.GetProperty("change").GetProperty("import_kwh").GetDouble());
        }
        // The actual side agrees with /api/autonomy (the stored figures). Shared production is re-read as
        // production − own PV, which may differ in the last bit: 1e-9 kWh.
        using var stored = JsonDocument.Parse(await api.Operator.GetStringAsync("api/autonomy?from=2026-06-21&to=2026-06-22&resolution=day"));
        var day = stored.RootElement.GetProperty("periods")[0];
        var actual = rows[0].GetProperty("actual");
        foreach (var name in new[] { "consumption_kwh", "production_kwh", "import_kwh", "export_kwh", "self_consumed_kwh", "self_sufficiency", "self_consumption" })
            Near.Within(day.GetProperty(name).GetDouble(), actual.GetProperty(name).GetDouble(), 1e-9);
        Near.Ratio(3.0 / 3.5, actual.GetProperty("self_sufficiency").GetDouble());
    }

    // Hand computation, pv-1 × 2: 10:00 P = 2 ≥ demand 1.5 → locally 1.5, export 0.5; 10:15 P = 4 ≥ 2 → locally 2,
    // export 2. Locally 3.5 of 3.5 → SS 100 % (actual: 1 + 2 = 3 → 85.714 %, Δ +14.286 pp); SC 3.5/6 = 58.333 %.
    // h01 under ×2: allocated 1.0 + 0.5 = 1.5 of 1.5 → 100 % (actual 2/3 + 0.5 = 1.1667 → 77.78 %).
    [Fact]
    public async Task Doubling_the_array_through_the_API_matches_the_hand_computation_and_the_csv()
    {
        await using var api = await StartAsync();
        var id = await SaveAsync(api, """{"name": "PV x2", "scaledArrays": [{"arrayId": "pv-1", "factor": 2}]}""");
        var result = await ResultAsync(api.Operator, id, "range");
        var nb = result.GetProperty("neighbourhood")[0];
        Near.Ratio(3.0 / 3.5, nb.GetProperty("actual").GetProperty("self_sufficiency").GetDouble());
        Near.Ratio(1, nb.GetProperty("scenario").GetProperty("self_sufficiency").GetDouble());
        Near.Ratio(3.5 / 6, nb.GetProperty("scenario").GetProperty("self_consumption").GetDouble());
        Near.Amount(2.5, nb.GetProperty("scenario").GetProperty("export_kwh").GetDouble());
        Near.Within(100.0 / 7, nb.GetProperty("change").GetProperty("self_sufficiency_points").GetDouble(), 0.001);
        var h01 = result.GetProperty("households").EnumerateArray().Single(h => h.GetProperty("household").GetString() == "h01").GetProperty("periods")[0];
        Near.Ratio(1.1667 / 1.5, h01.GetProperty("actual").GetProperty("self_sufficiency").GetDouble());
        Near.Ratio(1, h01.GetProperty("scenario").GetProperty("self_sufficiency").GetDouble());

        var csv = (await api.Operator.GetStringAsync($"api/scenarios/{id}/result.csv?from=2026-06-21&to=2026-06-22&resolution=range")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("start,end,scope,household,side,consumption_kwh", csv[0]);
        Assert.Equal(1 + 3 * 2, csv.Length); // neighbourhood, h01, h02 × actual, scenario
        Assert.Contains(csv, l => l.Contains(",neighbourhood,,scenario,3.5,6,0,2.5,"));
    }

    [Fact]
    public async Task Bad_scenarios_are_refused_with_what_and_where_and_only_the_operator_saves()
    {
        await using var api = await StartAsync();
        using var bad = await api.Operator.PostAsync("api/scenarios", new StringContent(
            """{"name": "bad", "scaledArrays": [{"arrayId": "pv-9", "factor": 2}], "batteries": [{"name": "b", "capacityKwh": -1, "powerKw": 2, "roundTripEfficiency": 1.5}]}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("scaledArrays[0].arrayId: no shared array 'pv-9'", body);
        Assert.Contains("batteries[0].capacityKwh: -1", body);
        Assert.Contains("batteries[0].roundTripEfficiency: 1.5", body);
        // The working group's page shows the reader's language: the same problems in French, decimal comma.
        using (var json = System.Text.Json.JsonDocument.Parse(body))
        {
            var fr = json.RootElement.GetProperty("why").GetProperty("fr").GetString()!;
            Assert.Contains("Centrale agrandie n° 1 : pas de centrale partagée « pv-9 »", fr);
            Assert.Contains("Batterie n° 1 : la capacité -1 kWh", fr);
            Assert.Contains("le rendement 150 %", fr);
            Assert.Equal(json.RootElement.GetProperty("error").GetString(), json.RootElement.GetProperty("why").GetProperty("en").GetString());
        }
        using var notJson = await api.Operator.PostAsync("api/scenarios", new StringContent("{name", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        using var household = await api.Household.PostAsync("api/scenarios", new StringContent("""{"name": "x"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, household.StatusCode);

        var id = await SaveAsync(api, """{"name": "battery", "batteries": [{"name": "shared", "capacityKwh": 5, "powerKw": 2, "roundTripEfficiency": 0.9}]}""");
        using var fine = await api.Operator.GetAsync($"api/scenarios/{id}/result?resolution=interval");
        Assert.Equal(HttpStatusCode.BadRequest, fine.StatusCode);
        Assert.Contains("not one of day, month, range", await fine.Content.ReadAsStringAsync());
        using var missing = await api.Operator.GetAsync("api/scenarios/nope/result");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var list = JsonDocument.Parse(await api.Anonymous.GetStringAsync("api/scenarios"));
        Assert.Equal(["battery"], list.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("spec").GetProperty("name").GetString()));
        Assert.True(File.Exists(Path.Combine(api.Folder, "scenarios.json")));
    }

    [Fact]
    public async Task Only_the_operator_deletes_a_saved_scenario_and_an_unknown_one_is_a_404()
    {
        await using var api = await StartAsync();
        var keep = await SaveAsync(api, """{"name": "keep"}""");
        var drop = await SaveAsync(api, """{"name": "drop"}""");
        using (var household = await api.Household.DeleteAsync($"api/scenarios/{drop}")) Assert.Equal(HttpStatusCode.Forbidden, household.StatusCode);
        using (var anonymous = await api.Anonymous.DeleteAsync($"api/scenarios/{drop}")) Assert.False(anonymous.IsSuccessStatusCode);
        using (var deleted = await api.Operator.DeleteAsync($"api/scenarios/{drop}")) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using (var again = await api.Operator.DeleteAsync($"api/scenarios/{drop}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Contains($"no saved scenario '{drop}'", await again.Content.ReadAsStringAsync());
        }
        using var list = JsonDocument.Parse(await api.Anonymous.GetStringAsync("api/scenarios"));
        Assert.Equal([keep], list.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        using var gone = await api.Operator.GetAsync($"api/scenarios/{drop}/result");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_household_sees_only_itself_and_a_shared_screen_no_household_and_no_small_aggregate()
    {
        await using var api = await StartAsync();
        var id = await SaveAsync(api, """{"name": "PV x2", "scaledArrays": [{"arrayId": "pv-1", "factor": 2}]}""");
        var own = await ResultAsync(api.Household, id);
        Assert.Equal(["h01"], own.GetProperty("households").EnumerateArray().Select(h => h.GetProperty("household").GetString()));
        // Two homes are fewer than the five an aggregate needs not to give one home away.
        Assert.Empty(own.GetProperty("neighbourhood").EnumerateArray());
        var screen = await ResultAsync(api.Anonymous, id);
        Assert.Empty(screen.GetProperty("households").EnumerateArray());
        Assert.Empty(screen.GetProperty("neighbourhood").EnumerateArray());
    }
}

public sealed class SqliteScenarioApiTests : ScenarioApiContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxScenarioApiTests(Lustrac.Energy.Testing.SharedServices services) : ScenarioApiContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
