using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.ResultStore;

public sealed class SqliteMeasurementStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-measurements-").FullName;

    [Fact]
    public async Task A_measurement_the_store_was_not_given_is_refused_by_name()
    {
        var store = new SqliteMeasurementStore(new SqliteFile(Path.Combine(_folder, "r.db")), "test", [AutonomySchema.Tank.Layout]);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.ReadAsync("energy_interval", [], DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(1), r => r.TimeUtc, CancellationToken.None));
        Assert.Contains("'energy_interval'", ex.Message);
        Assert.Contains("tank_state", ex.Message);
    }

    [Fact]
    public async Task A_turning_recorded_before_the_file_is_initialised_is_read_back()
    {
        var results = StoredResults.InSqlite(Path.Combine(_folder, "sub", "t.db"), "test");
        var at = new DateTime(2026, 6, 11, 7, 30, 0, DateTimeKind.Utc);
        await results.RecordTurningAsync(new CompostTurning("pile-1", at, at.AddMinutes(2), "op"), CancellationToken.None);

        var read = await results.ReadTurningsAsync("pile-1", at, at.AddSeconds(1), CancellationToken.None);
        Assert.Equal([new CompostTurning("pile-1", at, at.AddMinutes(2), "op")], read);
        Assert.Empty(await results.ReadTurningsAsync("pile-2", at, at.AddSeconds(1), CancellationToken.None));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
