using System.Diagnostics;
using Lustrac.Energy.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Lustrac.Energy.Server;

/// <summary>
/// <c>Lustrac.Energy.Server backup --to PATH</c>: a consistent copy of the store while the server keeps ingesting.
/// It reads the same settings as the server (appsettings.json, environment, <c>--Store:…</c>). SQLite: SQLite's
/// online backup API into a new file (one read transaction: a snapshot; WAL lets ingest write meanwhile). InfluxDB:
/// <c>influxd backup -portable</c> into a folder, through influxd's RPC address (Store:InfluxRpcAddress).
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    /// <summary>influxd's own default RPC bind address (bind-address in influxdb.conf).</summary>
    public const string DefaultInfluxRpcAddress = "127.0.0.1:8088";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    /// <returns>0 when the backup is complete, 2 with a message on standard error otherwise.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[1..], new Dictionary<string, string> { ["--to"] = "Backup:To", ["--store"] = "Store:Kind" })
            .Build();
        var store = config.GetSection("Store").Get<StoreSettings>() ?? new StoreSettings();
        var to = config["Backup:To"];
        if (string.IsNullOrWhiteSpace(to))
        {
            await error.WriteLineAsync("Backup needs a destination: Lustrac.Energy.Server backup --to /var/backups/lustrac/2026-12-01.db (SQLite: a new file; InfluxDB: a new folder).").ConfigureAwait(false);
            return 2;
        }
        try
        {
            return store.Kind switch
            {
                "sqlite" => await BackupSqliteAsync(store.SqlitePath, to, output, error).ConfigureAwait(false),
                "influxdb" => await BackupInfluxAsync(store.InfluxDatabase, config["Store:InfluxRpcAddress"] ?? DefaultInfluxRpcAddress, to, output, error).ConfigureAwait(false),
                _ => await FailAsync(error, $"Store:Kind is '{store.Kind}'; use 'sqlite' or 'influxdb'.").ConfigureAwait(false),
            };
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return await FailAsync(error, $"Backup failed: {ex.Message}").ConfigureAwait(false);
        }
    }

    private static async Task<int> BackupSqliteAsync(string path, string to, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path)) return await FailAsync(error, $"There is no SQLite store at '{Path.GetFullPath(path)}' (Store:SqlitePath).").ConfigureAwait(false);
        // Never over an existing file: a backup that replaces the previous one could leave neither whole.
        if (File.Exists(to)) return await FailAsync(error, $"'{to}' already exists; give the backup a new file name.").ConfigureAwait(false);
        var folder = Path.GetDirectoryName(Path.GetFullPath(to));
        if (folder is not null) Directory.CreateDirectory(folder);
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
        await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = to, Pooling = false }.ToString()))
        {
            await source.OpenAsync().ConfigureAwait(false);
            // Every page in one step, so in one read transaction: writes committed meanwhile are simply not in the copy.
            source.BackupDatabase(target);
        }
        await output.WriteLineAsync($"Backed up {Path.GetFullPath(path)} to {Path.GetFullPath(to)} ({new FileInfo(to).Length:N0} bytes).").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> BackupInfluxAsync(string database, string rpcAddress, string to, TextWriter output, TextWriter error)
    {
        if (Directory.Exists(to) && Directory.EnumerateFileSystemEntries(to).Any())
            return await FailAsync(error, $"'{to}' is not empty; give the backup a new folder.").ConfigureAwait(false);
        var start = new ProcessStartInfo("influxd", ["backup", "-portable", "-db", database, "-host", rpcAddress, to])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var influxd = Process.Start(start) ?? throw new IOException("influxd did not start");
        var stdout = influxd.StandardOutput.ReadToEndAsync();
        var stderr = influxd.StandardError.ReadToEndAsync();
        await influxd.WaitForExitAsync().ConfigureAwait(false);
        if (influxd.ExitCode != 0)
            return await FailAsync(error, $"influxd backup failed (exit {influxd.ExitCode}); is influxd's RPC address {rpcAddress} reachable " +
                $"(bind-address in influxdb.conf, Store:InfluxRpcAddress)? {(await stderr.ConfigureAwait(false)).Trim()} {(await stdout.ConfigureAwait(false)).Trim()}").ConfigureAwait(false);
        await output.WriteLineAsync($"Backed up InfluxDB database '{database}' to {Path.GetFullPath(to)}.").ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync(message).ConfigureAwait(false);
        return 2;
    }
}
