using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// The granularity comparison from each store's sums (interval figures summed per day in energy_day, per hour by the
/// store): the two hand-computed days of the engine's golden test
/// (GranularityComparisonGoldenTests: per interval 2 kWh self-consumed of 11 consumed, per hour 4, per day 7, per month
/// and year 9), written as stored neighbourhood interval rows, plus a missing interval and a household's rows that must
/// not leak into the neighbourhood's comparison.
/// </summary>
public abstract class GranularityContract
{
    private static readonly DateTime From = new(2026, 1, 11, 23, 0, 0, DateTimeKind.Utc); // 12 January, 00:00 in Paris
    private static readonly DateTime To = new(2026, 1, 13, 23, 0, 0, DateTimeKind.Utc);   // 14 January, 00:00 in Paris

    protected abstract Task<IAutonomyStore> CreateStoreAsync();

    private static EnergyIntervalRow Row(int day, int hour, int minute, double c, double p, string? household = null,
        IntervalQuality quality = IntervalQuality.Measured) =>
        new(new DateTime(2026, 1, day, hour, minute, 0, DateTimeKind.Utc), household,
            quality == IntervalQuality.Missing ? default : new EnergyParts(c, p, Math.Max(0, c - p), Math.Max(0, p - c), 0, 0, 0, Math.Min(c, p), Math.Min(c, p)),
            0, quality, quality == IntervalQuality.Missing ? 0 : 2, 2);

    [Fact]
    public async Task Stored_intervals_give_the_hand_values_for_each_netting()
    {
        var store = await CreateStoreAsync();
        List<EnergyIntervalRow> rows =
        [
            Row(12, 10, 0, 1, 3), Row(12, 10, 15, 2, 0), Row(12, 18, 0, 4, 0), Row(13, 10, 0, 1, 6), Row(13, 19, 0, 3, 0),
            Row(13, 12, 0, 0, 0, quality: IntervalQuality.Missing), // stored as missing: left out of every netting alike
            Row(12, 10, 0, 50, 0, household: "h01"),                 // another scope
        ];
        await store.ReplaceAsync(new AutonomyResults(From, To, rows, [], [], []) { NeverStored = true }, CancellationToken.None);
        var plan = SitePlan.From(Lustrac.Energy.Protocol.Site.SiteLoader.Parse(TestSite.Yaml("granularity"), "site.yaml"));

        await EnergyDays.RefreshAsync(store, [From, From.AddDays(1), To], CancellationToken.None); // the day sums, as the engine keeps them
        var c = await GranularityFigures.FromStoreAsync(store, plan, new RequestedScope(null), From, To, CancellationToken.None);

        Assert.Equal(192, c.Expected); // two Paris days of 96 quarter-hours
        Assert.Equal(5, c.Present);
        double[] selfConsumed = [2, 4, 7, 9, 9];
        Assert.Equal(GranularityComparison.All, c.Nettings.Select(n => n.Netting));
        for (int i = 0; i < selfConsumed.Length; i++)
        {
            Assert.Equal(11, c.Nettings[i].Consumption, 6);
            Assert.Equal(9, c.Nettings[i].Production, 6);
            Assert.Equal(selfConsumed[i], c.Nettings[i].SelfConsumed, 6);
            Assert.Equal(selfConsumed[i] / 11, c.Nettings[i].SelfSufficiency!.Value, 6);
        }
        Assert.Equal([5, 4, 2, 1, 1], c.Nettings.Select(n => n.Steps));
        // The household's 50 kWh stay in its own scope.
        var h01 = await GranularityFigures.FromStoreAsync(store, plan, new RequestedScope("h01"), From, To, CancellationToken.None);
        Assert.Equal(50, h01.Nettings[3].Consumption, 6);
        Assert.All(h01.Nettings, n => Assert.Equal(0, n.SelfConsumed));
    }
}

public sealed class SqliteGranularityTests : GranularityContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();

    protected override async Task<IAutonomyStore> CreateStoreAsync() => (await _folder.CreateAsync()).Results;

    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxGranularityTests(Lustrac.Energy.Testing.SharedServices services) : GranularityContract
{
    protected override async Task<IAutonomyStore> CreateStoreAsync() => (await InfluxAutonomyStores.CreateAsync(services)).Results;
}
