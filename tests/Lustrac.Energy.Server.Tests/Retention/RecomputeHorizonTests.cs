using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Tests.Autonomy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Lustrac.Energy.Server.Tests.Autonomy.Golden;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Retention;

/// <summary>Figures kept forever must not be recomputed from readings the retention has deleted.</summary>
public sealed class RecomputeHorizonTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-horizon-").FullName;

    [Fact]
    public async Task Data_touching_intervals_whose_readings_were_purged_leaves_their_figures_alone()
    {
        var path = Path.Combine(_folder, "store.db");
        var stores = new AutonomyStores(new SqliteReadingStore(path), StoredResults.InSqlite(path, "test"));
        await stores.Readings.InitialiseAsync(CancellationToken.None);
        await stores.Results.InitialiseAsync(CancellationToken.None);
        await RetainedFigures.ComputeGoldenAsync(stores);
        var figures = await RetainedFigures.ReadAsync(stores);
        var clock = new FakeTimeProvider(T0.AddDays(366));
        Assert.Equal(Readings().Count, await new SqliteReadingPurge(path, 365, clock, NullLogger<SqliteReadingPurge>.Instance).PurgeAsync(CancellationToken.None));

        var guarded = await TouchGoldenDayAsync(stores, new FineDataHorizon(new StoreSettings { RetentionDays = 365 }, clock));
        Assert.Empty(guarded);
        Assert.Equal(figures, await RetainedFigures.ReadAsync(stores));

        // Without the horizon the same touch recomputes the day from no readings: the figures would be lost.
        var unguarded = await TouchGoldenDayAsync(stores, null);
        Assert.NotEmpty(unguarded);
        Assert.NotEqual(figures, await RetainedFigures.ReadAsync(stores, expectGolden: false));
    }

    private static async Task<IReadOnlyList<(DateTime From, DateTime To)>> TouchGoldenDayAsync(AutonomyStores stores, FineDataHorizon? horizon)
    {
        var recalculation = new LateDataQueue(Plan);
        var calculator = new IntervalCloser(Plan, stores.Readings, stores.Results, recalculation,
            new AutonomySettings { GraceSeconds = 120, BackfillDays = 0 }, NullLogger<IntervalCloser>.Instance, stores.Turnings, horizon);
        await calculator.ResumeAsync(T0.AddHours(1).UtcDateTime, CancellationToken.None);
        // What a turning typed in from an old log reports: the closed intervals from its time on.
        recalculation.TurningRecorded("compost-1", T0.UtcDateTime, TimeSpan.FromMinutes(30));
        return await calculator.ProcessTouchedAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
