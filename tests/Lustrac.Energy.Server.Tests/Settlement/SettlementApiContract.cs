using System.Net.Http.Json;
using System.Net;
using System.Text;
using System.Text.Json;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Tests.Autonomy;

namespace Lustrac.Energy.Server.Tests.Settlement;

/// <summary>
/// Golden readings (AutonomyFixtures: 10:00–10:30 UTC on 21 June 2026, two 15-min intervals) → engine → stored rows →
/// settlement endpoints, on SQLite and on a real InfluxDB. The 30-min step sums the two intervals:
/// h01 import 1.0 + 0.5 = 1.5, h02 0.5 + 1.5 = 2.0, shared production 1.0 + 2.0 = 3.0 kWh.
/// Default dynamic key: Σ consumption 3.5 > 3.0 → h01 gets 3 × 1.5/3.5 = 1.285714…, complement 0.214286;
/// h02 3 × 2/3.5 = 1.714286, complement 0.285714; surplus 0. (At 15 min the engine gave h01 2/3 + 0.5 = 1.1667:
/// the operator's step changes the split.) Coefficients 1.5/3.5 = 42.857142 % → 42.857, 2/3.5 = 57.142857 % → 57.142.
/// </summary>
public abstract class SettlementApiContract
{
    private const double Tol = 1e-6;
    protected abstract Task<AutonomyStores> CreateStoresAsync();

    // h02 withdraws its consent to fine data here: the operator reads its statement only as month figures.
    private static readonly SiteModel Site = SiteLoader.Parse(WithoutH02Consent(AutonomyTestSite.Yaml()) + """

        settlement:
          step_minutes: 30
          key: default_dynamic
          price_eur_per_kwh: 0.12
          price_abeille_per_kwh: 0.1
        """);

    private static string WithoutH02Consent(string yaml)
    {
        const string h02 = "- id: h02\n    consent_fine_data: true";
        var normalised = yaml.Replace("\r\n", "\n");
        Assert.Contains(h02, normalised);
        return normalised.Replace(h02, "- id: h02\n    consent_fine_data: false");
    }

    private async Task<AutonomyApi> StartAsync()
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync(Golden.Readings(), CancellationToken.None);
        var calculator = Golden.Calculator(stores);
        await calculator.ResumeAsync(Golden.T0.UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(Golden.T0.AddMinutes(32).AddSeconds(1).UtcDateTime, CancellationToken.None);
        return await AutonomyApi.StartAsync(stores, Golden.T0.AddHours(1), Site);
    }

    [Fact]
    public async Task The_statement_settles_the_half_hour_from_the_stored_quarter_hours_and_values_it()
    {
        await using var api = await StartAsync();
        var s = await api.Http.GetFromJsonAsync<JsonElement>("api/settlement?household=h01&month=2026-06&resolution=month");
        Assert.Equal(1.5, s.GetProperty("consumption_kwh").GetDouble(), Tol);
        Assert.Equal(3 * 1.5 / 3.5, s.GetProperty("autoconsumed_kwh").GetDouble(), Tol);
        Assert.Equal(1.5 - 3 * 1.5 / 3.5, s.GetProperty("complement_kwh").GetDouble(), Tol);
        // 1.285714 kWh × 0.12 €/kWh = 0.154286 €; × 0.1 Abeille/kWh = 0.128571 Abeille.
        Assert.Equal(0.12 * 3 * 1.5 / 3.5, s.GetProperty("stayed_eur").GetDouble(), Tol);
        Assert.Equal(0.1 * 3 * 1.5 / 3.5, s.GetProperty("stayed_abeilles").GetDouble(), Tol);
        Assert.Equal(1, s.GetProperty("steps_settled").GetInt32());
        Assert.Equal(30 * 48, s.GetProperty("steps").GetInt32());
        Assert.Equal(3.0, s.GetProperty("shared_production_kwh").GetDouble(), Tol);
        Assert.Equal(0.0, s.GetProperty("shared_surplus_kwh").GetDouble(), Tol);

        var csv = await api.Http.GetByteArrayAsync("api/settlement/statement.csv?household=h02&month=2026-06&resolution=month");
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n");
        // h02: 2.0 consumed, 1.714 autoconsumed, 0.286 complement.
        Assert.Equal("h02;21/06/2026;2,000;1,714;0,286;1;48", lines[21]);
    }

    [Fact]
    public async Task The_key_file_has_the_rounded_down_coefficients_and_only_the_operator_gets_it()
    {
        await using var api = await StartAsync();
        var bytes = await api.Http.GetByteArrayAsync("api/settlement/keys.csv?month=2026-06");
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("2026-06-21T10:00:00Z;2026-06-21T12:00:00+02:00;h01;42,857", lines[1]);
        Assert.Equal("2026-06-21T10:00:00Z;2026-06-21T12:00:00+02:00;h02;57,142", lines[2]);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Household.GetAsync("api/settlement/keys.csv?month=2026-06")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Household.GetAsync("api/settlement?household=h01&month=2026-06")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Household.GetAsync("api/settlement?household=h02&month=2026-06")).StatusCode);
        // The operator and h02, which did not consent: month resolution only, as the statement page asks.
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync("api/settlement?household=h02&month=2026-06")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("api/settlement?household=h02&month=2026-06&resolution=month")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.GetAsync("api/settlement?household=h01&month=2026-06&resolution=day")).StatusCode);
        var bad = await api.Http.GetAsync("api/settlement?household=h01&month=June");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("month must be given as YYYY-MM", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reconciliation_reports_the_operators_extra_tenth_of_a_kWh_in_its_step()
    {
        // The operator counts h01 at 1.6 kWh (ours 1.5) in 10-min lines 0.5 + 0.5 + 0.6 and the same autoconsumed to
        // the Wh (1.285714 − 1.286 = 0.0003 < the 0.0005 tolerance); h02 is counted 2.05 (ours 2.0).
        await using var api = await StartAsync();
        const string file = """
            participant;debut;duree_min;consommation_kwh;autoconsomme_kwh
            h02;2026-06-21T12:00:00+02:00;30;2,050;1,714
            h01;2026-06-21T12:20:00+02:00;10;0,6;0,286
            h01;2026-06-21T12:00:00+02:00;10;0,5;0,5
            h01;2026-06-21T12:10:00+02:00;10;0,5;0,5
            """;
        var response = await api.Http.PostAsync("api/settlement/reconcile", new StringContent(file, Encoding.UTF8, "text/csv"));
        var r = await response.Content.ReadFromJsonAsync<JsonElement>();
        var months = r.GetProperty("months").EnumerateArray().ToList();
        var h01 = months.Single(m => m.GetProperty("household").GetString() == "h01");
        Assert.Equal(0.1, h01.GetProperty("consumption_difference_kwh").GetDouble(), Tol);
        var step = Assert.Single(h01.GetProperty("steps").EnumerateArray());
        Assert.Equal("2026-06-21T10:00:00Z", step.GetProperty("start").GetString());
        Assert.Equal(0.1, step.GetProperty("consumption_difference_kwh").GetDouble(), Tol);
        // h02 (no consent to fine data): operator 2.05 against our 2.0 → +0.05, shown without the half-hourly figures themselves.
        var h02 = Assert.Single(months.Single(m => m.GetProperty("household").GetString() == "h02").GetProperty("steps").EnumerateArray());
        Assert.Equal(0.05, h02.GetProperty("consumption_difference_kwh").GetDouble(), Tol);
        Assert.Equal(JsonValueKind.Null, h02.GetProperty("own_consumption_kwh").ValueKind);
        Assert.Equal(JsonValueKind.Null, h02.GetProperty("operator_consumption_kwh").ValueKind);
        Assert.Equal(1.5, step.GetProperty("own_consumption_kwh").GetDouble(), Tol);

        var refused = await api.Http.PostAsync("api/settlement/reconcile", new StringContent("participant;debut\nh01;x", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("no column 'duree_min'", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Household.PostAsync("api/settlement/reconcile", new StringContent(file, Encoding.UTF8, "text/csv"))).StatusCode);
    }
}

public sealed class SqliteSettlementApiTests : SettlementApiContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxSettlementApiTests(Lustrac.Energy.Testing.SharedServices services) : SettlementApiContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
