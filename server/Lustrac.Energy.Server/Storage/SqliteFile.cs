using Microsoft.Data.Sqlite;

namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// The embedded SQLite file as every part of the server opens it (readings, results, purge): pooled connections to
/// one path, and on preparing, its folder created and the WAL journal set (the file keeps it), so ingest writes while
/// the autonomy engine and the API read.
/// </summary>
public sealed class SqliteFile(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    public string Path => path;

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var db = new SqliteConnection(_connectionString);
        await db.OpenAsync(ct).ConfigureAwait(false);
        return db;
    }

    /// <summary>Creates the folder and the file if needed, sets WAL, then runs <paramref name="schema"/> (idempotent statements).</summary>
    public async Task PrepareAsync(string schema, CancellationToken ct)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode = WAL;" + schema;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction on a fresh connection: all of it is committed, or nothing.</summary>
    public async Task InTransactionAsync(Func<SqliteConnection, SqliteTransaction, Task> work, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(ct).ConfigureAwait(false);
        await work(db, tx).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }
}
