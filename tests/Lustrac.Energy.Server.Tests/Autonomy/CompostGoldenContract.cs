using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// compost-1 under the UK housed-windrow rule (coolest probe ≥ 60 °C for 8 days, with 3 turnings in that time, a
/// data gap over 2 h interrupts): /api/compost, the register export, turnings recorded through the API and the
/// stored compost_status they recompute.
/// </summary>
public abstract class CompostGoldenContract
{
    /// <summary>The top probe reaches 60 °C here; the core is hot from the start.</summary>
    private static readonly DateTimeOffset HotFrom = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<AutonomyStores> CreateStoresAsync();

    /// <summary>
    /// Both probes every hour from 9 June 00:00Z to 19 June 11:00Z. Top: 55 °C before 10 June 12:00Z, 61 °C from then.
    /// Core: 66 °C throughout. The coolest probe is the top one; their mean (60.5 °C before noon on the 10th) would
    /// have started the run 36 hours too early.
    /// </summary>
    public static IReadOnlyList<StoredReading> ProbeReadings()
    {
        var readings = new List<StoredReading>();
        for (var t = new DateTimeOffset(2026, 6, 9, 0, 0, 0, TimeSpan.Zero); t <= new DateTimeOffset(2026, 6, 19, 11, 0, 0, TimeSpan.Zero); t = t.AddHours(1))
        {
            readings.Add(Golden.Reading("compost-1-top", "temperature", t, t < HotFrom ? 55 : 61));
            readings.Add(Golden.Reading("compost-1-core", "temperature", t, 66));
        }
        return readings;
    }

    private async Task<AutonomyStores> WithProbesAsync()
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync(ProbeReadings(), CancellationToken.None);
        return stores;
    }

    private static async Task<JsonElement> PileAsync(AutonomyApi api)
    {
        var body = await api.Anonymous.GetFromJsonAsync<JsonElement>("api/compost");
        return body.GetProperty("piles").EnumerateArray().Single(p => p.GetProperty("pile").GetString() == "compost-1");
    }

    private static Task<HttpResponseMessage> TurnAsync(HttpClient http, string time, string pile = "compost-1") =>
        http.PostAsync($"api/compost/{pile}/turnings", JsonContent.Create(new { time }));

    [Fact]
    public async Task Status_and_progress_are_judged_on_the_coolest_probe()
    {
        var stores = await WithProbesAsync();
        await using var api = await AutonomyApi.StartAsync(stores, new DateTimeOffset(2026, 6, 17, 12, 30, 0, TimeSpan.Zero));

        var pile = await PileAsync(api);

        Assert.Equal("uk-housed-windrow", pile.GetProperty("rule").GetString());
        Assert.Equal(60, pile.GetProperty("threshold_c").GetDouble());
        Assert.Equal(3, pile.GetProperty("turnings_required").GetInt32());
        // Coolest probe hot from 10 June 12:00Z to the last reading, 17 June 12:00Z: 7 days = 168 h of the 8 days.
        Assert.Equal("in_progress", pile.GetProperty("status").GetString());
        Near.Amount(168, Near.Number(pile, "current_run_hours"));
        Near.Ratio(7.0 / 8, Near.Number(pile, "hot_time_progress"));
        // No turning recorded: 0 of 3, so the rule as a whole is 0 % met, whatever the heat.
        Assert.Equal(0, pile.GetProperty("turnings_in_run").GetInt32());
        Near.Ratio(0.0, Near.Number(pile, "progress"));
        Assert.Equal(61, pile.GetProperty("coolest_c").GetDouble());
        Assert.Equal("compost-1-top", pile.GetProperty("coolest_probe").GetString());
        Assert.Equal(2, pile.GetProperty("probes_reporting").GetInt32());
        Assert.Equal("2026-06-17T12:00:00Z", pile.GetProperty("last_reading").GetString());
    }

    [Fact]
    public async Task Register_export_lists_the_coolest_probe_of_each_reading_of_the_local_day()
    {
        var stores = await WithProbesAsync();
        await using var api = await AutonomyApi.StartAsync(stores, new DateTimeOffset(2026, 6, 17, 12, 30, 0, TimeSpan.Zero));

        var csv = await api.Anonymous.GetStringAsync("api/compost/compost-1/register.csv?from=2026-06-10&to=2026-06-11");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("time_utc,pile,coolest_probe,coolest_c,probes_reporting,probes_expected,at_or_above_threshold", lines[0]);
        // Paris day 10 June = [9 June 22:00Z, 10 June 22:00Z): 24 hourly readings of both probes, one row each.
        Assert.Equal(25, lines.Length);
        Assert.Equal("2026-06-09T22:00:00Z,compost-1,compost-1-top,55,2,2,false", lines[1]);
        Assert.Contains("2026-06-10T11:00:00Z,compost-1,compost-1-top,55,2,2,false", lines);
        Assert.Contains("2026-06-10T12:00:00Z,compost-1,compost-1-top,61,2,2,true", lines);
        Assert.Equal("2026-06-10T21:00:00Z,compost-1,compost-1-top,61,2,2,true", lines[^1]);

        using var unknown = await api.Anonymous.GetAsync("api/compost/compost-9/register.csv");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Recorded_turnings_complete_the_windrow_rule()
    {
        var stores = await WithProbesAsync();
        await using var api = await AutonomyApi.StartAsync(stores, new DateTimeOffset(2026, 6, 19, 11, 30, 0, TimeSpan.Zero));
        // Hot from 10 June 12:00Z to 19 June 11:00Z: 8 days 23 h, long enough; only the turnings are missing.
        Near.Ratio(1.0, Near.Number(await PileAsync(api), "hot_time_progress"));

        using (var first = await TurnAsync(api.Http, "2026-06-11T10:00:00+02:00")) // 08:00Z, given in Paris time
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            var body = await first.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("2026-06-11T08:00:00.000Z", body.GetProperty("time").GetString());
            Assert.Equal("operator", body.GetProperty("recorded_by").GetString());
            Assert.Equal("2026-06-19T11:30:00Z", body.GetProperty("recorded_at").GetString());
        }
        (await TurnAsync(api.Http, "2026-06-13T08:00:00Z")).Dispose();
        (await TurnAsync(api.Http, "2026-06-13T08:00:00Z")).Dispose(); // the same turning again: stored once

        var two = await PileAsync(api);
        // 2 of 3 turnings: progress = min(hot time 100 %, turnings 66.67 %).
        Assert.Equal("in_progress", two.GetProperty("status").GetString());
        Assert.Equal(2, two.GetProperty("turnings_in_run").GetInt32());
        Near.Ratio(2.0 / 3, Near.Number(two, "progress"));

        (await TurnAsync(api.Http, "2026-06-15T08:00:00Z")).Dispose();
        var done = await PileAsync(api);
        // The run reaches 8 days on 18 June 12:00Z with three turnings already inside it: achieved then.
        Assert.Equal("achieved", done.GetProperty("status").GetString());
        Assert.Equal("2026-06-18T12:00:00Z", done.GetProperty("achieved_at").GetString());
        Near.Ratio(1.0, Near.Number(done, "progress"));

        var listed = await api.Anonymous.GetFromJsonAsync<JsonElement>("api/compost/compost-1/turnings");
        Assert.Equal(["2026-06-11T08:00:00.000Z", "2026-06-13T08:00:00.000Z", "2026-06-15T08:00:00.000Z"],
            listed.GetProperty("turnings").EnumerateArray().Select(t => t.GetProperty("time").GetString()));
        var ranged = await api.Anonymous.GetFromJsonAsync<JsonElement>("api/compost/compost-1/turnings?from=2026-06-13&to=2026-06-14");
        Assert.Single(ranged.GetProperty("turnings").EnumerateArray());
    }

    [Fact]
    public async Task Recording_a_turning_recomputes_the_stored_compost_status()
    {
        var stores = await WithProbesAsync();
        var now = new DateTimeOffset(2026, 6, 19, 11, 30, 0, TimeSpan.Zero);
        await using var api = await AutonomyApi.StartAsync(stores, now);
        foreach (var t in new[] { new DateTime(2026, 6, 11, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 6, 13, 8, 0, 0, DateTimeKind.Utc) })
            await stores.Turnings.RecordTurningAsync(new CompostTurning("compost-1", t, t, "operator"), CancellationToken.None);
        var calculator = Golden.Calculator(stores, api.Recalculation);
        await calculator.ResumeAsync(now.UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(now.AddMinutes(17).AddSeconds(1).UtcDateTime, CancellationToken.None); // closes 11:30–11:45
        var (from, to) = (now.UtcDateTime, now.AddMinutes(15).UtcDateTime);

        var before = Assert.Single(await stores.Results.ReadCompostAsync(from, to, CancellationToken.None));
        Assert.Equal((SanitisationStatus.InProgress, 2), (before.Status, before.Turnings));
        Near.Ratio(2.0 / 3, before.Progress);
        Assert.Equal(61, before.CoolestC);

        using var third = await TurnAsync(api.Http, "2026-06-15T08:00:00Z");
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        var recomputed = await calculator.ProcessTouchedAsync(CancellationToken.None);

        // Statuses that look back over the turning (8 days + 1 day after it) are recomputed, up to the last closed interval.
        Assert.Equal([(new DateTime(2026, 6, 15, 8, 0, 0, DateTimeKind.Utc), to)], recomputed);
        var after = Assert.Single(await stores.Results.ReadCompostAsync(from, to, CancellationToken.None));
        Assert.Equal((SanitisationStatus.Achieved, 3), (after.Status, after.Turnings));
        Near.Ratio(1.0, after.Progress);
    }

    [Theory]
    [InlineData("compost-9", "{\"time\":\"2026-06-11T08:00:00Z\"}", HttpStatusCode.NotFound, "unknown compost pile 'compost-9'; known piles: compost-1")]
    [InlineData("compost-1", "{\"time\":\"2026-06-11T08:00:00\"}", HttpStatusCode.BadRequest, "not an RFC 3339 time with a zone")]
    [InlineData("compost-1", "{\"time\":\"11/06/2026 08:00\"}", HttpStatusCode.BadRequest, "not an RFC 3339 time with a zone")]
    [InlineData("compost-1", "{\"time\":\"2019-12-31T23:59:59Z\"}", HttpStatusCode.BadRequest, "before 2020")]
    [InlineData("compost-1", "{\"time\":\"2026-06-19T11:36:00Z\"}", HttpStatusCode.BadRequest, "more than 5 minutes in the future")]
    [InlineData("compost-1", "{}", HttpStatusCode.BadRequest, "'time' is required")]
    [InlineData("compost-1", "{\"time\":20260611}", HttpStatusCode.BadRequest, "'time' must be a string")]
    [InlineData("compost-1", "turned it this morning", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("compost-1", "[\"2026-06-11T08:00:00Z\"]", HttpStatusCode.BadRequest, "not a JSON object")]
    public async Task A_bad_turning_is_refused_with_a_clear_message_and_nothing_is_stored(string pile, string body, HttpStatusCode status, string expected)
    {
        var stores = await CreateStoresAsync();
        await using var api = await AutonomyApi.StartAsync(stores, new DateTimeOffset(2026, 6, 19, 11, 30, 0, TimeSpan.Zero));

        using var response = await api.Http.PostAsync($"api/compost/{pile}/turnings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains(expected, error);
        Assert.Empty(await stores.Turnings.ReadTurningsAsync(null, new DateTime(2019, 1, 1), new DateTime(2027, 1, 1), CancellationToken.None));
    }

    [Fact]
    public async Task A_turning_up_to_5_minutes_ahead_of_the_server_is_accepted()
    {
        var stores = await CreateStoresAsync();
        await using var api = await AutonomyApi.StartAsync(stores, new DateTimeOffset(2026, 6, 19, 11, 30, 0, TimeSpan.Zero));

        using var response = await TurnAsync(api.Http, "2026-06-19T11:35:00Z");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = Assert.Single(await stores.Turnings.ReadTurningsAsync("compost-1", new DateTime(2026, 6, 19), new DateTime(2026, 6, 20), CancellationToken.None));
        Assert.Equal(new DateTime(2026, 6, 19, 11, 35, 0, DateTimeKind.Utc), stored.TimeUtc);
    }

    [Fact]
    public async Task Only_the_operator_may_record_a_turning_but_anyone_may_list_them()
    {
        var stores = await CreateStoresAsync();
        await using var api = await AutonomyApi.StartAsync(stores, new DateTimeOffset(2026, 6, 19, 11, 30, 0, TimeSpan.Zero));
        using var wrongToken = new HttpClient { BaseAddress = api.Anonymous.BaseAddress };
        wrongToken.DefaultRequestHeaders.Authorization = new("Bearer", "lt_not-a-token");

        using var anonymous = await TurnAsync(api.Anonymous, "2026-06-11T08:00:00Z");
        using var household = await TurnAsync(api.Household, "2026-06-11T08:00:00Z");
        using var unknown = await TurnAsync(wrongToken, "2026-06-11T08:00:00Z");

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Contains("operator token required", await anonymous.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, household.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var listed = await api.Anonymous.GetFromJsonAsync<JsonElement>("api/compost/compost-1/turnings?from=2026-06-01&to=2026-06-30");
        Assert.Empty(listed.GetProperty("turnings").EnumerateArray());
    }
}

public sealed class SqliteCompostTests : CompostGoldenContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxCompostTests(Lustrac.Energy.Testing.SharedServices services) : CompostGoldenContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
