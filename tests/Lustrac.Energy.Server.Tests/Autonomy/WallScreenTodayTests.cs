using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Autonomy;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.WallScreen;

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
        // Engine: 10 kWh consumed, 4 supplied locally; live since: 2 kWh consumed, 1 self-consumed → (4 + 1) / (10 + 2) = 41.67 %,
        // not the 45 % an average of the two ratios (40 %, 50 %) would give.
        var engine = new EngineDay(new EnergyParts(Consumption: 10, 0, 0, 0, 0, 0, 0, LocallySupplied: 4, 0), DayStart.AddHours(12), 30);
        var (ratio, basis, households) = TodayFigures.Combine(engine, new LiveDay(1, 2, 28));
        Assert.Equal(5.0 / 12, ratio!.Value, 1e-9);
        Assert.Equal(TodayFigures.MetersAndLiveEstimate, basis);
        Assert.Equal(30, households);

        (ratio, basis, _) = TodayFigures.Combine(engine, new LiveDay(0, 0, 0));
        Assert.Equal(0.4, ratio!.Value, 1e-9);
        Assert.Equal(TodayFigures.Meters, basis);

        (ratio, basis, _) = TodayFigures.Combine(null, new LiveDay(1, 2, 2));
        Assert.Equal(0.5, ratio!.Value, 1e-9);
        Assert.Equal(TodayFigures.LiveEstimate, basis);

        (ratio, _, _) = TodayFigures.Combine(null, new LiveDay(0, 0, 0));
        Assert.Null(ratio); // no data is not 0 %
    }

    [Fact]
    public void The_live_estimate_counts_only_the_intervals_the_engine_has_not_closed()
    {
        var today = new TodayBalance(TestSite.Model());
        // 1000 W read at 10:00, 10:05, 10:10; 500 W at 10:15, 10:20, 10:25. Each power holds until the next reading (5 min) and
        // is booked in the interval where it was read: bucket 10:00 gets 3 × 1000 W × 5 min = 250 Wh, bucket 10:15 gets
        // 2 × 500 W × 5 min = 83.33 Wh (the 10:25 reading has no successor yet).
        foreach (var (minute, watts) in new[] { (0, 1000.0), (5, 1000.0), (10, 1000.0), (15, 500.0), (20, 500.0), (25, 500.0) })
            today.Add(Power("h01-meter", "h01", Now.AddMinutes(minute - 40), watts));

        var whole = today.Today("h01", Now);
        Assert.Equal(0.33333333, whole.ConsumptionKwh, 1e-6);
        var open = today.Today("h01", Now, from: new DateTimeOffset(2026, 6, 21, 10, 15, 0, TimeSpan.Zero));
        Assert.Equal(0.08333333, open.ConsumptionKwh, 1e-6);
        Assert.Equal(0, open.SelfConsumedKwh);
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

    private static StoredReading Power(string device, string household, DateTimeOffset time, double watts) =>
        new("test", "gw-1", device, "household_meter", household, null, "active_power", "W", time, watts, ReadingQuality.Good, 1);

    public void Dispose() => _folder.Dispose();
}
