using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Tests.Autonomy;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Lustrac.Energy.Server.Tests.Autonomy.Golden;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Retention;

public sealed class SqlitePurgeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-purge-").FullName;

    private async Task<(string Path, AutonomyStores Stores)> CreateAsync()
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        var stores = new AutonomyStores(new SqliteReadingStore(path), StoredResults.InSqlite(path, "test"));
        await stores.Readings.InitialiseAsync(CancellationToken.None);
        await stores.Results.InitialiseAsync(CancellationToken.None);
        return (path, stores);
    }

    [Fact]
    public async Task Readings_past_the_retention_are_deleted_and_results_and_figures_stay()
    {
        var (path, stores) = await CreateAsync();
        await RetainedFigures.ComputeGoldenAsync(stores);
        var recent = Counter("h01-meter", "energy_import", T0.AddDays(300), 150.0);
        // A month older than the rest, with a gap between: the purge goes a day at a time from the oldest reading.
        var older = Counter("h02-meter", "energy_export", T0.AddDays(-30), 9.0);
        await stores.Readings.WriteAsync([recent, older], CancellationToken.None);
        var figures = await RetainedFigures.ReadAsync(stores);
        var intervals = await stores.Results.ReadEnergyAsync("h01", T0.UtcDateTime, T0.AddHours(1).UtcDateTime, CancellationToken.None);

        // A year and a day after the golden day: its readings are past 365 days, the recent one is not.
        var purge = new SqliteReadingPurge(path, 365, new FakeTimeProvider(T0.AddDays(366)), NullLogger<SqliteReadingPurge>.Instance);
        var deleted = await purge.PurgeAsync(CancellationToken.None);

        Assert.Equal(Readings().Count + 1, deleted);
        Assert.Empty(await stores.Readings.ReadAsync("h02-meter", "energy_export", T0.AddDays(-31), T0, CancellationToken.None));
        Assert.Equal(0, await RetainedFigures.ReadingCountAsync(stores.Readings, "energy_import"));
        Assert.Equal(0, await RetainedFigures.ReadingCountAsync(stores.Readings, "energy_produced"));
        Assert.Single(await stores.Readings.ReadAsync("h01-meter", "energy_import", T0.AddDays(299), T0.AddDays(301), CancellationToken.None));
        Assert.Equal(2, intervals.Count);
        Assert.Equal(intervals, await stores.Results.ReadEnergyAsync("h01", T0.UtcDateTime, T0.AddHours(1).UtcDateTime, CancellationToken.None));
        Assert.Equal(figures, await RetainedFigures.ReadAsync(stores));
    }

    [Fact]
    public async Task The_service_purges_at_start_then_once_a_day()
    {
        var (path, stores) = await CreateAsync();
        await stores.Readings.WriteAsync([
            Counter("h01-meter", "energy_import", T0.AddDays(-1), 99.0),
            Counter("h01-meter", "energy_import", T0, 100.0),
        ], CancellationToken.None);
        // An hour before T0's reading passes the retention; the day before's already has.
        var clock = new FakeTimeProvider(T0.AddDays(365).AddHours(-1));
        using var service = new SqliteReadingPurge(path, 365, clock, NullLogger<SqliteReadingPurge>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            async Task<int> Count() => (await stores.Readings.ReadAsync("h01-meter", "energy_import", T0.AddDays(-2), T0.AddDays(1), CancellationToken.None)).Count;
            await Eventually.TrueAsync(async () => await Count() == 1, TimeSpan.FromSeconds(30), "the purge at start deleted the reading past the retention");
            Assert.Equal(T0, (await stores.Readings.ReadAsync("h01-meter", "energy_import", T0.AddDays(-2), T0.AddDays(1), CancellationToken.None)).Single().Time);
            // Each poll lets a day pass on the service's clock: the next daily purge takes T0's reading.
            await Eventually.TrueAsync(async () =>
            {
                clock.Advance(SqliteReadingPurge.Period);
                return await Count() == 0;
            }, TimeSpan.FromSeconds(30), "a later daily purge deleted the reading that has since passed the retention");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
