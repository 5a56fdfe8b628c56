using Microsoft.Data.Sqlite;

namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// Deletes the SQLite readings older than Store:RetentionDays, at start and then once a day. Only the <c>readings</c>
/// table: results (intervals, days, tanks, compost, vital needs, turnings) live in their own tables and are kept.
/// Figures already computed are unchanged: <c>/api/autonomy</c> reads the stored results, never the readings behind them.
/// </summary>
public sealed class SqliteReadingPurge(string path, int retentionDays, TimeProvider clock, ILogger<SqliteReadingPurge> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    /// <summary>
    /// One DELETE through the (quantity, time) index: the quantities stored are found by a loose index scan (one seek
    /// per quantity, not a scan of the table), then each quantity's old rows are a contiguous range of the index.
    /// INDEXED BY makes SQLite refuse the statement rather than fall back to a full scan.
    /// </summary>
    private const string DeleteOld = """
        WITH RECURSIVE stored(quantity) AS (
            SELECT min(quantity) FROM readings
            UNION ALL
            SELECT (SELECT min(quantity) FROM readings WHERE quantity > stored.quantity) FROM stored WHERE stored.quantity IS NOT NULL)
        DELETE FROM readings INDEXED BY readings_by_quantity_time
        WHERE quantity IN (SELECT quantity FROM stored WHERE quantity IS NOT NULL) AND time_ms < $cutoff
        """;

    /// <summary>Readings before this instant are deleted by the next purge.</summary>
    public DateTimeOffset Cutoff => clock.GetUtcNow() - TimeSpan.FromDays(retentionDays);

    /// <summary>Deletes the readings older than the retention; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());
        await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = DeleteOld;
        cmd.Parameters.AddWithValue("$cutoff", Cutoff.ToUnixTimeMilliseconds());
        // Ingest keeps writing meanwhile (WAL): it waits for this transaction, up to the command timeout, then retries.
        cmd.CommandTimeout = 300;
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Idempotent: the table may not exist yet if ingest has not started.
                await new SqliteReadingStore(path).InitialiseAsync(stoppingToken).ConfigureAwait(false);
                var deleted = await PurgeAsync(stoppingToken).ConfigureAwait(false);
                log.LogInformation("Deleted {Count} readings older than {Cutoff:yyyy-MM-dd} (Store:RetentionDays {Days})", deleted, Cutoff, retentionDays);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The next day's purge catches up: a delay of old data's deletion never loses anything.
                log.LogWarning("Purge of old readings failed ({Error}); next attempt in {Hours} h", ex.Message, Period.TotalHours);
            }
            try { await Task.Delay(Period, clock, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }
}
