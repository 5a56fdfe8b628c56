using Microsoft.Data.Sqlite;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>A data folder written by the version before turnings and vital-needs sums still starts and stores them.</summary>
public sealed class SqliteSchemaUpgradeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-upgrade-").FullName;

    [Fact]
    public async Task Tables_of_the_previous_version_get_the_new_fields()
    {
        var path = Path.Combine(_folder, "lustrac.db");
        await using (var db = new SqliteConnection($"Data Source={path}"))
        {
            await db.OpenAsync();
            await using var create = db.CreateCommand();
            // The previous version's tables, exactly as it created them.
            create.CommandText =
                "CREATE TABLE vital_needs (site TEXT NOT NULL, time_ms INTEGER NOT NULL, \"energy\" REAL, \"water\" REAL, \"compost\" REAL, " +
                "\"index\" REAL, \"target\" REAL, PRIMARY KEY (site, time_ms)) WITHOUT ROWID;" +
                "CREATE TABLE compost_status (site TEXT NOT NULL, time_ms INTEGER NOT NULL, \"asset\" TEXT NOT NULL DEFAULT '', \"status\" TEXT, " +
                "\"progress\" REAL, \"coolest_c\" REAL, \"rule\" TEXT, PRIMARY KEY (site, \"asset\", time_ms)) WITHOUT ROWID;" +
                "INSERT INTO vital_needs VALUES ('test', 0, 0.5, NULL, NULL, 0.5, 0.85);";
            await create.ExecuteNonQueryAsync();
        }
        var store = StoredResults.InSqlite(path, "test");

        await store.InitialiseAsync(CancellationToken.None);
        await store.InitialiseAsync(CancellationToken.None); // idempotent
        var day = new DateTime(2026, 6, 20, 22, 0, 0, DateTimeKind.Utc);
        var parts = new VitalNeedsParts(new Share(3.0, 3.5), null, new Share(12, 15));
        await store.ReplaceVitalNeedsAsync([new VitalNeedsRow(day, parts.EnergyRatio, null, parts.CompostRatio, parts.Index, 0.85, parts)], CancellationToken.None);

        var old = Assert.Single(await store.ReadVitalNeedsAsync(DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(1), CancellationToken.None));
        Assert.True(old.Parts.IsEmpty); // an old row has no sums until it is recomputed
        var row = Assert.Single(await store.ReadVitalNeedsAsync(day, day.AddDays(1), CancellationToken.None));
        Assert.Equal(parts, row.Parts);
        // (3.0/3.5 + 12/15) / 2: water undefined, weights renormalised over the two others.
        Assert.Equal((3.0 / 3.5 + 0.8) / 2, row.Index!.Value, 1e-12);
    }

    [Fact]
    public async Task Day_rows_and_counter_events_of_the_previous_version_get_the_estimated_counts()
    {
        var path = Path.Combine(_folder, "lustrac.db");
        var day = new DateTime(2026, 6, 20, 22, 0, 0, DateTimeKind.Utc);
        long dayMs = new DateTimeOffset(day).ToUnixTimeMilliseconds();
        await using (var db = new SqliteConnection($"Data Source={path}"))
        {
            await db.OpenAsync();
            await using var create = db.CreateCommand();
            // energy_day and counter_event as the version before power estimates created them, with one old day row.
            var parts = string.Join(", ", EnergySums.PartColumns.Select(c => $"\"{c}\" REAL"));
            create.CommandText =
                $"CREATE TABLE energy_day (site TEXT NOT NULL, time_ms INTEGER NOT NULL, \"scope\" TEXT NOT NULL DEFAULT '', \"household\" TEXT NOT NULL DEFAULT '', {parts}, " +
                "\"intervals_measured\" INTEGER, \"intervals_interpolated\" INTEGER, \"meters_reporting\" INTEGER, \"meters_expected\" INTEGER, " +
                "PRIMARY KEY (site, \"scope\", \"household\", time_ms)) WITHOUT ROWID;" +
                "CREATE TABLE counter_event (site TEXT NOT NULL, time_ms INTEGER NOT NULL, \"device\" TEXT NOT NULL DEFAULT '', \"quantity\" TEXT NOT NULL DEFAULT '', " +
                "\"kind\" TEXT NOT NULL DEFAULT '', \"before_ms\" INTEGER, \"before_value\" REAL, \"after_ms\" INTEGER, \"after_value\" REAL, " +
                "PRIMARY KEY (site, \"device\", \"quantity\", \"kind\", time_ms)) WITHOUT ROWID;" +
                $"INSERT INTO energy_day VALUES ('test', {dayMs}, 'neighbourhood', '', 1, 0, 1, 0, 0, 0, 0, 0, 0, 90, 2, 276, 288);";
            await create.ExecuteNonQueryAsync();
        }
        var store = StoredResults.InSqlite(path, "test");
        await store.InitialiseAsync(CancellationToken.None);

        // The old row reads 0 estimated (the column is added empty); a row written now keeps its count.
        DateTime[] days = [day, day.AddDays(1), day.AddDays(2)];
        await store.WriteEnergyDaysAsync([new EnergyDayRow(day.AddDays(1), null, new EnergyPeriodSum(default, 90, 2, 276, 288, Estimated: 4))], CancellationToken.None);
        var sums = (await store.SumEnergyDaysAsync(ScopeSelection.One(null), days, CancellationToken.None))[EnergySums.Neighbourhood];
        Assert.Equal((90, 2, 0), (sums[0]!.Value.Measured, sums[0]!.Value.Interpolated, sums[0]!.Value.Estimated));
        Assert.Equal((90, 4), (sums[1]!.Value.Measured, sums[1]!.Value.Estimated));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
