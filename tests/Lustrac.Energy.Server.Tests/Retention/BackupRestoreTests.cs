using System.Diagnostics;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Tests.Autonomy;
using Lustrac.Energy.Testing;
using Microsoft.Data.Sqlite;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Retention;

/// <summary>
/// Store A with the golden figures is backed up by the server's <c>backup</c> command while readings keep being
/// written to it, restored as store B, and B must give the same API figures and the same readings for that day.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class BackupRestoreTests(SharedServices services) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-backup-").FullName;

    /// <summary>Runs the backup while <see cref="RetainedFigures.KeepWritingAsync"/> writes, and until it has written after it.</summary>
    private static async Task BackupDuringIngestAsync(IReadingStore store, string[] backupArgs)
    {
        int written = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() => RetainedFigures.KeepWritingAsync(store, n => Volatile.Write(ref written, n), stop.Token));
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref written) > 0), TimeSpan.FromSeconds(30), "ingest writing");
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await BackupCommand.RunAsync(backupArgs, output, error);
        Assert.True(exit == 0, $"backup exited {exit}: {error}");
        var after = Volatile.Read(ref written);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref written) > after), TimeSpan.FromSeconds(30), "ingest still writing after the backup");
        await stop.CancelAsync();
        Assert.True(await writer > after);
    }

    [Fact]
    public async Task Sqlite_backup_taken_during_ingest_restores_the_same_figures()
    {
        var pathA = Path.Combine(_folder, "a.db");
        var pathB = Path.Combine(_folder, "restored", "b.db");
        var a = new AutonomyStores(new SqliteReadingStore(pathA), StoredResults.InSqlite(pathA, "test"));
        await a.Readings.InitialiseAsync(CancellationToken.None);
        await a.Results.InitialiseAsync(CancellationToken.None);
        await RetainedFigures.ComputeGoldenAsync(a);
        var expected = await RetainedFigures.ReadAsync(a);

        await BackupDuringIngestAsync(a.Readings, ["backup", "--to", pathB, "--Store:Kind", "sqlite", "--Store:SqlitePath", pathA]);

        await using (var check = new SqliteConnection($"Data Source={pathB};Pooling=False"))
        {
            await check.OpenAsync();
            await using var cmd = check.CreateCommand();
            cmd.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await cmd.ExecuteScalarAsync());
        }
        var b = new AutonomyStores(new SqliteReadingStore(pathB), StoredResults.InSqlite(pathB, "test"));
        await b.Readings.InitialiseAsync(CancellationToken.None);
        await b.Results.InitialiseAsync(CancellationToken.None);
        Assert.Equal(expected, await RetainedFigures.ReadAsync(b));
        Assert.Equal(await RetainedFigures.ReadingCountAsync(a.Readings, "energy_import"), await RetainedFigures.ReadingCountAsync(b.Readings, "energy_import"));
        // A second backup to the same file is refused rather than replacing the first.
        Assert.Equal(2, await BackupCommand.RunAsync(["backup", "--to", pathB, "--Store:SqlitePath", pathA], TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public async Task Influx_backup_taken_during_ingest_restores_the_same_figures()
    {
        Assert.True(services.InfluxRpcAddress is not null, "InfluxDB's RPC address is unknown: scripts/test.sh exports LUSTRAC_TEST_INFLUX_RPC");
        var dbA = "ba" + Guid.NewGuid().ToString("N")[..12];
        var dbB = "bb" + Guid.NewGuid().ToString("N")[..12];
        var a = await StoresAsync(dbA);
        await RetainedFigures.ComputeGoldenAsync(a);
        var expected = await RetainedFigures.ReadAsync(a);
        var backup = Path.Combine(_folder, "influx");

        await BackupDuringIngestAsync(a.Readings, ["backup", "--to", backup, "--Store:Kind", "influxdb", "--Store:InfluxDatabase", dbA,
            "--Store:InfluxRpcAddress", services.InfluxRpcAddress!]);
        var restore = Process.Start(new ProcessStartInfo("influxd", ["restore", "-portable", "-db", dbA, "-newdb", dbB, "-host", services.InfluxRpcAddress!, backup])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var log = await restore.StandardError.ReadToEndAsync() + await restore.StandardOutput.ReadToEndAsync();
        await restore.WaitForExitAsync();
        Assert.True(restore.ExitCode == 0, $"influxd restore: {log}");

        // influxd imports the restored shards one by one after the command returns, answering "shard is disabled"
        // until then (a server started meanwhile retries its start-up): start the stores and read once every shard answers.
        string[]? restored = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                restored = await RetainedFigures.ReadAsync(await StoresAsync(dbB), expectGolden: false);
                return true;
            }
            catch (Exception e) when (e is InvalidOperationException or StoreException or HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(60), "the restored database answering");
        Assert.Equal(expected, restored);
        var b = await StoresAsync(dbB);
        Assert.Equal(await RetainedFigures.ReadingCountAsync(a.Readings, "energy_import"), await RetainedFigures.ReadingCountAsync(b.Readings, "energy_import"));
        var policies = await new InfluxQl(services.InfluxUrl).RowsAsync(dbB, $"SHOW RETENTION POLICIES ON \"{dbB}\"");
        Assert.Contains(policies, p => p["name"].GetString() == InfluxRetention.ResultsPolicy && p["duration"].GetString() == "0s");
    }

    private async Task<AutonomyStores> StoresAsync(string database)
    {
        var settings = new StoreSettings { Kind = "influxdb", InfluxDatabase = database };
        var stores = new AutonomyStores(new InfluxReadingStore(new HttpClient { BaseAddress = services.InfluxUrl }, settings),
            StoredResults.InInflux(new HttpClient { BaseAddress = services.InfluxUrl }, settings, "test"));
        await stores.Readings.InitialiseAsync(CancellationToken.None);
        await stores.Results.InitialiseAsync(CancellationToken.None);
        return stores;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* best effort: a temp folder */ }
    }
}
