using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Scenarios;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scenarios;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Tests.Autonomy;

namespace Lustrac.Energy.Server.Tests.Scenarios;

/// <summary>
/// The packed day profiles (<c>energy_profile</c>) the scenario history reads whole days from, on each store: the
/// history read from them must be the history read from the interval rows, value for value, after a normal close, after
/// late data rewrote a closed day, and the profiles must go with a departed household's fine data. Two Paris days,
/// 21 and 22 June 2026 ([20 June 22:00Z, 22 June 22:00Z)), then the first hours of the 23rd (open, no profile).
/// </summary>
public abstract class EnergyProfilesContract
{
    private static readonly DateTime DayOne = new(2026, 6, 20, 22, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ClosedUntil = DayOne.AddDays(2).AddHours(3); // 23 June 01:00 in Paris
    private static readonly ScenarioChanges Battery = new(Batteries: [new ScenarioBattery("shared", null, 5, 2, 0.9, 0.1)]);

    protected abstract Task<AutonomyStores> CreateStoresAsync();

    /// <summary>
    /// Counters every 15 minutes with uneven steps (seeded), so values are not round numbers; h02's meter is silent
    /// from 21 June 08:00Z to 11:00Z (missing intervals inside a packed day).
    /// </summary>
    private static List<StoredReading> Readings()
    {
        var rnd = new Random(15);
        var list = new List<StoredReading>();
        double h1 = 100, h1x = 50, h2 = 200, h2x = 10, pv = 1000;
        for (var t = DayOne; t <= ClosedUntil; t = t.AddMinutes(15))
        {
            var time = new DateTimeOffset(t, TimeSpan.Zero);
            double sun = Math.Max(0, Math.Sin((t.Hour - 4) / 16.0 * Math.PI));
            (h1, h1x, h2, h2x, pv) = (h1 + rnd.NextDouble() * 0.7, h1x + sun * rnd.NextDouble() * 0.2, h2 + rnd.NextDouble(), h2x + sun * rnd.NextDouble() * 0.1,
                pv + sun * rnd.NextDouble() * 3);
            list.Add(Golden.Counter("h01-meter", QuantityNames.EnergyImport, time, h1));
            list.Add(Golden.Counter("h01-meter", QuantityNames.EnergyExport, time, h1x));
            if (t < DayOne.AddHours(10) || t > DayOne.AddHours(13))
            {
                list.Add(Golden.Counter("h02-meter", QuantityNames.EnergyImport, time, h2));
                list.Add(Golden.Counter("h02-meter", QuantityNames.EnergyExport, time, h2x));
            }
            list.Add(Golden.Counter("pv-1-inverter", QuantityNames.EnergyProduced, time, pv));
        }
        return list;
    }

    private async Task<(AutonomyStores Stores, Lustrac.Energy.Server.Scheduling.IntervalCloser Closer)> ClosedAsync()
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync(Readings(), CancellationToken.None);
        var closer = Golden.Calculator(stores);
        await closer.ResumeAsync(DayOne, CancellationToken.None);
        // Closed interval by interval through the first day's end, then the rest at once: both paths pack days.
        for (var due = DayOne.AddMinutes(17); due < DayOne.AddDays(1).AddMinutes(30); due = due.AddMinutes(15))
            await closer.CloseDueAsync(due, CancellationToken.None);
        await closer.CloseDueAsync(ClosedUntil.AddMinutes(2), CancellationToken.None);
        return (stores, closer);
    }

    private static Task<ScenarioHistory> HistoryAsync(AutonomyStores stores) =>
        StoredHistory.LoadAsync(stores.Results, Golden.Plan, Golden.Site, DayOne.AddHours(-1), ClosedUntil, CancellationToken.None);

    /// <summary>The same history with every profile deleted first: each day comes from its interval rows.</summary>
    private static async Task<ScenarioHistory> FromRowsAsync(AutonomyStores stores)
    {
        await stores.Results.ReplaceEnergyProfilesAsync(DayOne.AddDays(-1), DayOne.AddDays(4), [], CancellationToken.None);
        Assert.Empty(await stores.Results.ReadEnergyProfilesAsync(DayOne.AddDays(-1), DayOne.AddDays(4), CancellationToken.None));
        return await HistoryAsync(stores);
    }

    private static void AssertSame(ScenarioHistory expected, ScenarioHistory actual)
    {
        Assert.Equal(expected.Households.Count, actual.Households.Count);
        foreach (var (e, a) in expected.Households.Zip(actual.Households))
        {
            Assert.Equal(e.HouseholdId, a.HouseholdId);
            Assert.Equal(Bits(e.Import), Bits(a.Import));
            Assert.Equal(Bits(e.Export), Bits(a.Export));
        }
        foreach (var (e, a) in expected.Arrays.Zip(actual.Arrays)) Assert.Equal(Bits(e.Production), Bits(a.Production));
        // And so every figure of a scenario on them.
        Assert.Equal(ScenarioComparison.Compare(ScenarioEngine.Run(expected, Battery), ScenarioResolution.Day),
            ScenarioComparison.Compare(ScenarioEngine.Run(actual, Battery), ScenarioResolution.Day));
    }

    private static (long, IntervalQuality)[] Bits(IntervalValue[]? series) =>
        series?.Select(v => (v.Value is double d ? BitConverter.DoubleToInt64Bits(d) : -1L, v.Quality)).ToArray() ?? [];

    [Fact]
    public async Task Closed_days_are_packed_and_read_back_as_their_interval_rows_bit_for_bit()
    {
        var (stores, _) = await ClosedAsync();
        var profiles = await stores.Results.ReadEnergyProfilesAsync(DayOne.AddDays(-1), DayOne.AddDays(4), CancellationToken.None);
        // Two closed days × (h01, h02, the neighbourhood); the 23rd is still open: no profile.
        Assert.Equal(6, profiles.Count);
        Assert.Equal([DayOne, DayOne.AddDays(1)], profiles.Select(p => p.DayStartUtc).Distinct().Order());
        Assert.All(profiles, p => Assert.Equal(96, p.Slots));

        var packed = await HistoryAsync(stores);
        var h02 = packed.Households.Single(h => h.HouseholdId == "h02").Import;
        Assert.Contains(h02, v => v.Quality == IntervalQuality.Missing); // the silent hours, and the hour before the first day
        Assert.True(h02.Count(v => v.Value > 0) > 150, "most intervals defined");
        AssertSame(await FromRowsAsync(stores), packed);
    }

    [Fact]
    public async Task Late_data_on_a_closed_day_rewrites_its_profile()
    {
        var (stores, closer) = await ClosedAsync();
        var before = await HistoryAsync(stores);
        // h02's silent hours arrive late: its readings at 10:15Z–10:45Z on 21 June (Paris), then the day is recomputed.
        var late = Enumerable.Range(1, 3).Select(i => new DateTimeOffset(DayOne.AddHours(10).AddMinutes(15 * i), TimeSpan.Zero))
            .Select((t, i) => Golden.Counter("h02-meter", QuantityNames.EnergyImport, t, 300 + i * 0.37)).ToList();
        await stores.Readings.WriteAsync(late, CancellationToken.None);
        await closer.RecomputeAsync(DayOne.AddHours(10), DayOne.AddHours(11), CancellationToken.None);

        var after = await HistoryAsync(stores);
        Assert.NotEqual(Bits(before.Households.Single(h => h.HouseholdId == "h02").Import), Bits(after.Households.Single(h => h.HouseholdId == "h02").Import));
        Assert.Equal(6, (await stores.Results.ReadEnergyProfilesAsync(DayOne, DayOne.AddDays(2), CancellationToken.None)).Count);
        AssertSame(await FromRowsAsync(stores), after);
    }

    [Fact]
    public async Task A_departed_households_profiles_go_with_its_interval_rows()
    {
        var (stores, _) = await ClosedAsync();
        await ((Lustrac.Energy.Server.Privacy.Departures.IDepartureStore)stores.Results).DeleteFineResultsAsync("h02", CancellationToken.None);
        var left = await stores.Results.ReadEnergyProfilesAsync(DayOne, DayOne.AddDays(2), CancellationToken.None);
        Assert.DoesNotContain(left, p => p.Household == "h02");
        Assert.Equal(4, left.Count); // h01 and the neighbourhood stay
        var history = await HistoryAsync(stores);
        Assert.All(history.Households.Single(h => h.HouseholdId == "h02").Import, v => Assert.Equal(IntervalQuality.Missing, v.Quality));
    }
}

public sealed class SqliteEnergyProfilesTests : EnergyProfilesContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxEnergyProfilesTests(Lustrac.Energy.Testing.SharedServices services) : EnergyProfilesContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
