using System.Net;
using System.Text.Json;
using Lustrac.Energy.Server.Tests.Autonomy;

namespace Lustrac.Energy.Server.Tests.Replay;

/// <summary>/api/replay on the golden day (two measured intervals, 10:00 and 10:15 UTC on 21 June 2026), SQLite and InfluxDB.</summary>
public abstract class ReplayGoldenContract
{
    private static readonly DateTimeOffset T0 = Golden.T0;

    protected abstract Task<AutonomyStores> CreateStoresAsync();

    private async Task<AutonomyApi> StartAsync()
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync(Golden.Readings(), CancellationToken.None);
        var calculator = Golden.Calculator(stores);
        await calculator.ResumeAsync(T0.UtcDateTime, CancellationToken.None);
        await calculator.CloseDueAsync(T0.AddMinutes(32).AddSeconds(1).UtcDateTime, CancellationToken.None);
        return await AutonomyApi.StartAsync(stores, T0.AddHours(1));
    }

    [Fact]
    public async Task The_day_s_closed_intervals_come_with_the_day_so_far_computed_by_hand()
    {
        await using var api = await StartAsync();
        using var doc = JsonDocument.Parse(await api.Http.GetStringAsync("api/replay?date=2026-06-21"));
        var root = doc.RootElement;
        Assert.Equal("2026-06-20T22:00:00Z", root.GetProperty("from").GetString());
        Assert.Equal("2026-06-21T22:00:00Z", root.GetProperty("to").GetString());
        var intervals = root.GetProperty("intervals").EnumerateArray().ToList();
        Assert.Equal(["2026-06-21T10:00:00Z", "2026-06-21T10:15:00Z"], intervals.Select(i => i.GetProperty("start").GetString()));
        // Interval 1: consumption 1.0 + 0.5 = 1.5, production 1.0, import 0.5 → SS 1.0 / 1.5 = 2/3; so far the same.
        Near.Amount(1.5, Near.Number(intervals[0], "consumption_kwh"));
        Near.Amount(0.5, Near.Number(intervals[0], "import_kwh"));
        Near.Ratio(2.0 / 3, Near.Number(intervals[0], "day_so_far_self_sufficiency"));
        // Interval 2: 2.0 consumed, 2.0 produced → SS 1; the day so far (1.0 + 2.0) / (1.5 + 2.0) = 6/7, as /api/autonomy says.
        Near.Ratio(1.0, Near.Number(intervals[1], "self_sufficiency"));
        Near.Ratio(6.0 / 7, Near.Number(intervals[1], "day_so_far_self_sufficiency"));
        Near.Ratio(6.0 / 7, Near.Number(root.GetProperty("total"), "self_sufficiency"));

        var csv = (await api.Http.GetStringAsync("api/replay.csv?date=2026-06-21")).TrimEnd('\n').Split('\n');
        Assert.Equal("start_utc,end_utc,quality,consumption_kwh,production_kwh,allocated_kwh,import_kwh,export_kwh,self_sufficiency,self_consumption", csv[0]);
        Assert.Equal("2026-06-21T10:00:00Z,2026-06-21T10:15:00Z,measured,1.5,1,1,0.5,0", string.Join(',', csv[1].Split(',')[..8]));
        Assert.Equal(3, csv.Length);
    }

    [Fact]
    public async Task A_shared_screen_of_a_two_home_site_sees_production_only_and_no_household_is_replayed()
    {
        await using var api = await StartAsync();
        // Two homes: fewer than 5, so the neighbourhood's consumption would give a home away; production is the shared arrays'.
        using var doc = JsonDocument.Parse(await api.Anonymous.GetStringAsync("api/replay?date=2026-06-21"));
        var first = doc.RootElement.GetProperty("intervals")[0];
        Assert.False(doc.RootElement.GetProperty("consumption_shown").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("consumption_kwh").ValueKind);
        Near.Amount(1.0, Near.Number(first, "production_kwh"));

        foreach (var (path, words) in new[]
        {
            ("api/replay?date=2026-06-21&household=h01", "neighbourhood only"),
            ("api/replay?date=21/06/2026", "not a local date"),
            ("api/replay?date=2026-06-23", "not a day with a past"),
            ("api/replay", "not a local date"),
        })
        {
            using var response = await api.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(words, await response.Content.ReadAsStringAsync());
        }
    }
}

public sealed class SqliteReplayTests : ReplayGoldenContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxReplayTests(Lustrac.Energy.Testing.SharedServices services) : ReplayGoldenContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
