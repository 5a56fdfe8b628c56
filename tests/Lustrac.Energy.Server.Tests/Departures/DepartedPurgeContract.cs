using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy.Departures;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Tests.Autonomy;
using Lustrac.Energy.Server.Tests.Retention;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static Lustrac.Energy.Server.Tests.Autonomy.Golden;

namespace Lustrac.Energy.Server.Tests.Departures;

/// <summary>
/// A household that leaves loses its fine data after Privacy:DepartedPurgeDays, on both stores: every reading of its
/// devices and its per-interval results go; its neighbour's data, the neighbourhood's rows and its own day rows stay.
/// The stores hold the golden half-hour of 21 June 2026 (h01 and h02, <see cref="Golden.Readings"/>).
/// </summary>
public abstract class DepartedPurgeContract
{
    protected abstract Task<AutonomyStores> CreateStoresAsync();

    private static readonly DateTime From = RetainedFigures.DayStart.UtcDateTime, To = RetainedFigures.DayEnd.UtcDateTime;

    /// <summary>The golden site with h01 marked as gone on 1 October 2026 (local midnight = 30 Sep 22:00 UTC).</summary>
    public static SiteModel SiteWithH01Left(string left = "2026-10-01") =>
        SiteLoader.Parse(AutonomyTestSite.Yaml().Replace("  - id: h01\n", $"  - id: h01\n    left: {left}\n"));

    private static DepartedHouseholdPurge Purge(SiteModel site, AutonomyStores stores, DateTimeOffset now, int days = 31) =>
        new(site, stores.Readings, (IDepartureStore)stores.Results, new DepartureSettings { DepartedPurgeDays = days },
            new FixedClock(now), null, NullLogger<DepartedHouseholdPurge>.Instance);

    [Fact]
    public async Task A_household_marked_left_is_purged_after_the_delay_and_not_before()
    {
        var stores = await CreateStoresAsync();
        await RetainedFigures.ComputeGoldenAsync(stores);
        var site = SiteWithH01Left();
        var leftUtc = new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero);

        // 30 days and 23 hours after: not yet.
        Assert.Empty(await Purge(site, stores, leftUtc.AddDays(31).AddHours(-1)).RunOnceAsync(CancellationToken.None));
        Assert.NotEmpty(await stores.Readings.ReadAsync("h01-meter", QuantityNames.EnergyImport, From, To, CancellationToken.None));
        Assert.NotEmpty(await stores.Results.ReadEnergyAsync("h01", From, To, CancellationToken.None));

        var daysBefore = await H01DaySumAsync(stores);
        Assert.NotNull(daysBefore);
        Assert.Equal(["h01"], await Purge(site, stores, leftUtc.AddDays(31)).RunOnceAsync(CancellationToken.None));

        foreach (var quantity in new[] { QuantityNames.EnergyImport, QuantityNames.EnergyExport })
            Assert.Empty(await stores.Readings.ReadAsync("h01-meter", quantity, From, To, CancellationToken.None));
        Assert.Empty(await stores.Results.ReadEnergyAsync("h01", From, To, CancellationToken.None));
        Assert.Empty(await stores.Results.ReadWaterAsync("h01", From, To, CancellationToken.None));
        // Its neighbour and the neighbourhood keep everything; its day rows stay (its past months still add up).
        Assert.NotEmpty(await stores.Readings.ReadAsync("h02-meter", QuantityNames.EnergyImport, From, To, CancellationToken.None));
        Assert.Equal(2, (await stores.Results.ReadEnergyAsync("h02", From, To, CancellationToken.None)).Count);
        Assert.Equal(2, (await stores.Results.ReadEnergyAsync(null, From, To, CancellationToken.None)).Count);
        Assert.Equal(daysBefore, await H01DaySumAsync(stores));
        // Purged once: the next day's pass has nothing left to do.
        Assert.Empty(await Purge(site, stores, leftUtc.AddDays(32)).RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_household_removed_from_the_file_is_purged_the_delay_after_the_server_noticed()
    {
        var stores = await CreateStoresAsync();
        await RetainedFigures.ComputeGoldenAsync(stores);
        var noticed = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        // A first pass with h01 in the file records it and its devices.
        Assert.Empty(await Purge(Site, stores, noticed.AddDays(-1)).RunOnceAsync(CancellationToken.None));
        var withoutH01 = SiteWithH01Left() with { Departed = [] };  // h01 and its devices simply gone from the file

        Assert.Empty(await Purge(withoutH01, stores, noticed).RunOnceAsync(CancellationToken.None));
        var roster = await ((IDepartureStore)stores.Results).ReadRosterAsync(CancellationToken.None);
        var h01 = Assert.Single(roster, e => e.Household == "h01");
        Assert.Equal(noticed.UtcDateTime, h01.LeftUtc);
        Assert.Contains("h01-meter", h01.Devices);

        Assert.Empty(await Purge(withoutH01, stores, noticed.AddDays(10)).RunOnceAsync(CancellationToken.None));
        Assert.NotEmpty(await stores.Readings.ReadAsync("h01-meter", QuantityNames.EnergyImport, From, To, CancellationToken.None));
        Assert.Equal(["h01"], await Purge(withoutH01, stores, noticed.AddDays(31)).RunOnceAsync(CancellationToken.None));
        Assert.Empty(await stores.Readings.ReadAsync("h01-meter", QuantityNames.EnergyImport, From, To, CancellationToken.None));
        Assert.Empty(await stores.Readings.ReadAsync("h01-water-mains", QuantityNames.WaterVolume, From, To, CancellationToken.None));
        Assert.NotEmpty(await stores.Readings.ReadAsync("h02-meter", QuantityNames.EnergyImport, From, To, CancellationToken.None));
    }

    [Fact]
    public async Task A_household_that_comes_back_before_the_delay_keeps_its_data()
    {
        var stores = await CreateStoresAsync();
        await RetainedFigures.ComputeGoldenAsync(stores);
        var leftUtc = new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero);
        await Purge(SiteWithH01Left(), stores, leftUtc.AddDays(5)).RunOnceAsync(CancellationToken.None);
        // Back in the file without 'left:' (the mark was a mistake): its roster entry starts afresh.
        Assert.Empty(await Purge(Site, stores, leftUtc.AddDays(40)).RunOnceAsync(CancellationToken.None));
        var h01 = Assert.Single(await ((IDepartureStore)stores.Results).ReadRosterAsync(CancellationToken.None), e => e.Household == "h01");
        Assert.Null(h01.LeftUtc);
        Assert.NotEmpty(await stores.Readings.ReadAsync("h01-meter", QuantityNames.EnergyImport, From, To, CancellationToken.None));
    }

    private static async Task<EnergyPeriodSum?> H01DaySumAsync(AutonomyStores stores)
    {
        var sums = await stores.Results.SumEnergyDaysAsync(ScopeSelection.One("h01"), [From, To], CancellationToken.None);
        return sums.Values.SelectMany(v => v).FirstOrDefault(s => s is not null);
    }
}

public sealed class SqliteDepartedPurgeTests : DepartedPurgeContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxDepartedPurgeTests(SharedServices services) : DepartedPurgeContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}

/// <summary>A clock stopped at one instant.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
