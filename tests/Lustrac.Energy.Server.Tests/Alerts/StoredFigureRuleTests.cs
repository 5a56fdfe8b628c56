using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Server.Alerts;
using Lustrac.Energy.Server.Tests.Autonomy;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Alerts;

/// <summary>The rules over the engine's stored figures (tank_state, compost_status, energy_day), in a real SQLite result store.</summary>
public sealed class StoredFigureRuleTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 6, 10, 10, 0, 0, DateTimeKind.Utc); // noon in Paris, 10 June
    private readonly SqliteAutonomyFolder _folder = new();
    private readonly SitePlan _plan = SitePlan.From(AutonomyTestSite.Model());
    private readonly AlertSettings _settings = new();

    public void Dispose() => _folder.Dispose();

    private static IEnumerable<DateTime> Quarters(DateTime from, DateTime to)
    {
        for (var t = from; t < to; t = t.AddMinutes(15)) yield return t;
    }

    private static Task ReplaceAsync(IAutonomyStore store, DateTime from, DateTime to, IReadOnlyList<TankStateRow> tanks, IReadOnlyList<CompostStatusRow> compost) =>
        store.ReplaceAsync(new AutonomyResults(from, to, [], [], tanks, compost), CancellationToken.None);

    [Fact]
    public async Task A_draining_tank_is_low_below_the_days_left_threshold_and_clears_when_rain_refills_it()
    {
        var store = (await _folder.CreateAsync()).Results;
        var rule = new TankRule(_plan, store, _settings);
        var from = Now.AddHours(-6);
        // Six hours of use: days left falls from 5 to 2 as the volume goes down.
        var draining = Quarters(from, Now).Select((t, i) => new TankStateRow(t, "tank-1", 2000 - 20 * i, 5 - 3.0 * i / 23, 0, null)).ToList();
        await ReplaceAsync(store, from, Now, draining, []);

        var low = Assert.Single(await rule.EvaluateAsync(Now, CancellationToken.None));
        Assert.Equal("tank_low:tank-1", low.Key);
        Assert.Equal(AlertAudience.Residents, low.Audience);
        Assert.Contains("2.0 days", low.Message);

        // Rain refilled it: the newest row has 6 days left.
        await ReplaceAsync(store, Now.AddMinutes(-30), Now, [new TankStateRow(Now.AddMinutes(-15), "tank-1", 4500, 6, 2000, null)], []);
        Assert.Empty(await rule.EvaluateAsync(Now, CancellationToken.None));
    }

    [Fact]
    public async Task A_hot_pile_behind_its_turnings_is_at_risk_turning_it_clears_and_cooling_raises_again()
    {
        var store = (await _folder.CreateAsync()).Results;
        var rule = new CompostRule(_plan, store); // uk_housed_windrow: 60 °C for 8 days with 3 turnings
        var runStart = Now.AddDays(-5);
        CompostStatusRow Row(DateTime t, SanitisationStatus s, int turnings, double coolest = 63) => new(t, "compost-1", s, 0.3, coolest, "uk-housed-windrow", turnings);
        var hourly = Enumerable.Range(0, 5 * 24).Select(h => runStart.AddHours(h)).ToList();
        await ReplaceAsync(store, runStart.AddDays(-1), Now, [], [Row(runStart.AddDays(-1), SanitisationStatus.NotStarted, 0, 30), .. hourly.Select(t => Row(t, SanitisationStatus.InProgress, 0))]);

        var due = Assert.Single(await rule.EvaluateAsync(Now, CancellationToken.None));
        Assert.Equal("compost_at_risk:compost-1", due.Key);
        Assert.Contains("turned 0 of 3 times", due.Message);

        await ReplaceAsync(store, runStart.AddDays(2), Now, [], hourly.Where(t => t >= runStart.AddDays(2)).Select(t => Row(t, SanitisationStatus.InProgress, 1)).ToList());
        Assert.Empty(await rule.EvaluateAsync(Now, CancellationToken.None)); // 1 turning after 62 % of 8 days: on pace

        await ReplaceAsync(store, Now.AddHours(-1), Now, [], [Row(Now.AddHours(-1), SanitisationStatus.Interrupted, 0, 44.5)]);
        var cooled = Assert.Single(await rule.EvaluateAsync(Now, CancellationToken.None));
        Assert.Contains("stopped heating", cooled.Message);
        Assert.Contains("44.5 °C", cooled.Message);
    }

    [Fact]
    public async Task A_month_below_the_target_is_behind_once_enough_days_are_in_and_clears_when_it_catches_up()
    {
        var store = (await _folder.CreateAsync()).Results;
        var rule = new MonthTargetRule(_plan, store, _settings);
        var paris = _plan.Zone;
        DateTime Day(int d) => TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 6, d), paris);
        EnergyDayRow Row(int d, double local) => new(Day(d), null, new EnergyPeriodSum(
            new EnergyParts(100, 80, 100 - local, 0, 0, 0, 0, local, local), 96, 0, 96 * 2, 96 * 2));

        await store.WriteEnergyDaysAsync([Row(1, 60), Row(2, 60)], CancellationToken.None);
        Assert.Empty(await rule.EvaluateAsync(Now, CancellationToken.None)); // two days say little

        await store.WriteEnergyDaysAsync([.. Enumerable.Range(3, 7).Select(d => Row(d, 60))], CancellationToken.None);
        var behind = Assert.Single(await rule.EvaluateAsync(Now, CancellationToken.None));
        Assert.Equal("month_behind_target", behind.Key);
        Assert.Contains("60 %", behind.Message);
        Assert.Contains("85 %", behind.Message);

        // The same days recomputed at 100 % (late data filled them in): the month is on target.
        await store.WriteEnergyDaysAsync([.. Enumerable.Range(1, 9).Select(d => Row(d, 100))], CancellationToken.None);
        Assert.Empty(await rule.EvaluateAsync(Now, CancellationToken.None));
        // Days of another month never count.
        await store.WriteEnergyDaysAsync([new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 5, 31), paris), null,
            new EnergyPeriodSum(new EnergyParts(10_000, 0, 10_000, 0, 0, 0, 0, 0, 0), 96, 0, 192, 192))], CancellationToken.None);
        Assert.Empty(await rule.EvaluateAsync(Now, CancellationToken.None));
    }
}
