using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.WallScreen;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>The wall screen's "today": the engine's closed intervals plus the live estimate of the open part, one ratio of sums.</summary>
public sealed class WallScreenTodayTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 21, 10, 40, 0, TimeSpan.Zero);   // 12:40 in Paris
    private static readonly DateTime DayStart = new(2026, 6, 20, 22, 0, 0, DateTimeKind.Utc); // Paris midnight (summer time)
    private readonly SqliteAutonomyFolder _folder = new();

    [Fact]
    public void Engine_sums_and_the_live_part_make_one_ratio_of_summed_energy()
    {
        // Engine: 10 kWh consumed, 4 supplied locally (3 of them shared); live since: 2 kWh consumed, 1 supplied (0.5 shared)
        // → (4 + 1) / (10 + 2) = 41.67 %, not the 45 % an average of the two ratios (40 %, 50 %) would give; shared 3.5 kWh.
        var engine = new EngineDay(new EnergyParts(Consumption: 10, 0, 0, 0, 0, 0, Allocated: 3, LocallySupplied: 4, 0), DayStart.AddHours(12), 30);
        var live = new LiveDay(new EnergyParts(Consumption: 2, 0, 0, 0, 0, 0, Allocated: 0.5, LocallySupplied: 1, 0), 28);
        var (ratio, shared, basis, households) = TodayFigures.Combine(engine, live);
        Assert.Equal(5.0 / 12, ratio!.Value, 1e-9);
        Assert.Equal(3.5, shared!.Value, 1e-9);
        Assert.Equal(TodayFigures.MetersAndLiveEstimate, basis);
        Assert.Equal(30, households);

        (ratio, shared, basis, _) = TodayFigures.Combine(engine, LiveDay.None);
        Assert.Equal(0.4, ratio!.Value, 1e-9);
        Assert.Equal(3.0, shared!.Value, 1e-9);
        Assert.Equal(TodayFigures.Meters, basis);

        (ratio, _, basis, _) = TodayFigures.Combine(null, live with { Households = 2 });
        Assert.Equal(0.5, ratio!.Value, 1e-9);
        Assert.Equal(TodayFigures.LiveEstimate, basis);

        (ratio, shared, _, _) = TodayFigures.Combine(null, LiveDay.None);
        Assert.Null(ratio); // no data is not 0 %
        Assert.Null(shared);
    }

    /// <summary>
    /// Power read every 5 min from 10:00 to 10:25; each holds until the next reading and is booked in the interval where
    /// it was read, so the 10:00 interval gets 15 min of the first power and the 10:15 interval 10 min of the second:
    /// <code>
    ///              W then W      kWh 10:00   kWh 10:15
    /// h01-meter    1000   500      0.25        0.0833
    /// h02-meter    1000  1000      0.25        0.1667
    /// pv-1         1200   600      0.30        0.10
    /// </code>
    /// default dynamic: 10:00 0.3 for 0.5 asked → 0.15 each; 10:15 0.1 for 0.25 asked → h01 0.1 × 1/3 = 0.0333.
    /// static 0.7 / 0.3: 10:00 h01 min(0.21, 0.25) = 0.21; 10:15 h01 min(0.07, 0.0833) = 0.07.
    /// </summary>
    [Theory]
    [InlineData("default_dynamic", 0.15 + 0.1 / 3, 0.1 / 3)]
    [InlineData("static", 0.21 + 0.07, 0.07)]
    public void The_live_estimate_splits_shared_production_with_the_sites_key(string key, double wholeShared, double openShared)
    {
        var today = new TodayBalance(SitePlan.From(SiteUnder(key)));
        Feed(today, "h01-meter", 1000, 500);
        Feed(today, "h02-meter", 1000, 1000);
        Feed(today, "pv-1-inverter", 1200, 600);

        var whole = today.Today("h01", Now);
        Assert.Equal(0.25 + 1.0 / 12, whole.Parts.Consumption, 1e-9);
        Assert.Equal(wholeShared, whole.Parts.Allocated, 1e-9);
        Assert.Equal(wholeShared, whole.Parts.LocallySupplied, 1e-9); // no own PV: all local supply is the share
        var open = today.Today("h01", Now, from: new DateTimeOffset(2026, 6, 21, 10, 15, 0, TimeSpan.Zero));
        Assert.Equal(1.0 / 12, open.Parts.Consumption, 1e-9);
        Assert.Equal(openShared, open.Parts.Allocated, 1e-9);
    }

    [Theory]
    [InlineData("default_dynamic", false)] // every share depends on h02's demand: unknown, as in the engine's closed intervals
    [InlineData("static", true)]           // h01's share depends on nobody else
    public void A_silent_neighbour_leaves_the_estimate_unknown_exactly_where_the_engine_would(string key, bool h01Known)
    {
        var today = new TodayBalance(SitePlan.From(SiteUnder(key)));
        Feed(today, "h01-meter", 1000, 500);
        Feed(today, "pv-1-inverter", 1200, 600);

        var h01 = today.Today("h01", Now);
        Assert.Equal(h01Known ? 1 : 0, h01.Households);
        Assert.Equal(h01Known ? 0.21 + 0.07 : 0, h01.Parts.Allocated, 1e-9);
        Assert.Equal(0, today.Today(null, Now).Households); // the neighbourhood needs every home
    }

    private static SiteModel SiteUnder(string key) => SiteLoader.Parse(AutonomyTestSite.Yaml().Replace("key: default_dynamic", $"key: {key}"));

    private static void Feed(TodayBalance today, string device, double first, double second)
    {
        foreach (var (minute, watts) in new[] { (0, first), (5, first), (10, first), (15, second), (20, second), (25, second) })
            today.Add(Golden.Reading(device, "active_power", Now.AddMinutes(minute - 40), watts));
    }

    [Fact]
    public async Task The_engine_day_is_read_from_the_stored_day_sums()
    {
        var stores = await _folder.CreateAsync();
        var t = new DateTime(2026, 6, 21, 10, 0, 0, DateTimeKind.Utc);
        var rows = new List<EnergyIntervalRow>
        {
            new(t, "h01", new EnergyParts(1.0, 0.6, 0.4, 0, 0, 0, 0.6, 0.6, 0.6), 0, IntervalQuality.Measured, 1, 1),
            new(t.AddMinutes(15), "h01", new EnergyParts(2.0, 0.5, 1.5, 0, 0, 0, 0.5, 0.5, 0.5), 0, IntervalQuality.Interpolated, 1, 1),
            new(t, null, new EnergyParts(1.0, 0.6, 0.4, 0, 0, 0, 0.6, 0.6, 0.6), 0, IntervalQuality.Measured, 2, 2),
        };
        await stores.Results.ReplaceAsync(new AutonomyResults(t, t.AddMinutes(30), rows, [], [], []) { NeverStored = true }, CancellationToken.None);
        await EnergyDays.RefreshAsync(stores.Results, [DayStart, DayStart.AddDays(1)], CancellationToken.None);

        var engine = new EngineToday();
        Assert.Null(engine.For("h01", DayStart)); // before any refresh: nothing to start from
        await engine.RefreshAsync(stores.Results, Golden.Plan, t.AddMinutes(30), CancellationToken.None);

        var h01 = engine.For("h01", DayStart)!;
        Assert.Equal(3.0, h01.Parts.Consumption, 1e-9);      // 1.0 + 2.0
        Assert.Equal(1.1, h01.Parts.LocallySupplied, 1e-9);  // 0.6 + 0.5
        Assert.Equal(t.AddMinutes(30), h01.ClosedUntilUtc);
        Assert.Null(engine.For("h02", DayStart));
        Assert.Null(engine.For("h01", DayStart.AddDays(1))); // another day
        Assert.Equal(1, engine.For(null, DayStart)!.Households);
    }

    public void Dispose() => _folder.Dispose();
}
