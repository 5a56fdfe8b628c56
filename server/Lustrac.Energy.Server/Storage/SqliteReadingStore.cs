using Lustrac.Energy.Protocol.Messages;
using Microsoft.Data.Sqlite;

namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// The embedded default store: one SQLite file, WAL mode. The primary key (device, quantity, time) makes
/// every write an upsert, so replays overwrite instead of adding.
/// </summary>
public sealed class SqliteReadingStore(string path) : IReadingStore
{
    private static readonly string[] InsertParameters =
        ["$device", "$quantity", "$time", "$value", "$unit", "$quality", "$site", "$gateway", "$role", "$household", "$asset", "$seq"];

    private readonly SqliteFile _file = new(path);

    public Task InitialiseAsync(CancellationToken ct) => _file.PrepareAsync("""
            CREATE TABLE IF NOT EXISTS readings (
                device TEXT NOT NULL, quantity TEXT NOT NULL, time_ms INTEGER NOT NULL,
                value REAL NOT NULL, unit TEXT NOT NULL, quality TEXT NOT NULL,
                site TEXT NOT NULL, gateway TEXT NOT NULL, role TEXT NOT NULL,
                household TEXT, asset TEXT, seq INTEGER NOT NULL,
                PRIMARY KEY (device, quantity, time_ms)) WITHOUT ROWID;
            -- Covering index for reading one quantity of every device over a time range (autonomy engine).
            CREATE INDEX IF NOT EXISTS readings_by_quantity_time ON readings (quantity, time_ms, device, value, quality);
            """, ct);

    public async Task WriteAsync(IReadOnlyList<StoredReading> batch, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT OR REPLACE INTO readings (device, quantity, time_ms, value, unit, quality, site, gateway, role, household, asset, seq)
            VALUES ($device, $quantity, $time, $value, $unit, $quality, $site, $gateway, $role, $household, $asset, $seq)
            """;
        var p = InsertParameters.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        await cmd.PrepareAsync(ct).ConfigureAwait(false);
        foreach (var r in batch)
        {
            p[0].Value = r.Device;
            p[1].Value = r.Quantity;
            p[2].Value = r.Time.ToUnixTimeMilliseconds();
            p[3].Value = r.Value;
            p[4].Value = r.Unit;
            p[5].Value = r.Quality.ToWire();
            p[6].Value = r.Site;
            p[7].Value = r.Gateway;
            p[8].Value = r.Role;
            p[9].Value = (object?)r.Household ?? DBNull.Value;
            p[10].Value = (object?)r.Asset ?? DBNull.Value;
            p[11].Value = (long)r.Seq;
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredReading>> ReadAsync(string device, string quantity, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = """
            SELECT site, gateway, device, role, household, asset, quantity, unit, time_ms, value, quality, seq
            FROM readings WHERE device = $device AND quantity = $quantity AND time_ms >= $from AND time_ms < $to
            ORDER BY time_ms
            """;
        cmd.Parameters.AddWithValue("$device", device);
        cmd.Parameters.AddWithValue("$quantity", quantity);
        cmd.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        var result = new List<StoredReading>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            // We wrote the column ourselves from the same names: a name it does not know cannot be stored.
            _ = ReadingQualityNames.TryParse(reader.GetString(10), out var quality);
            result.Add(new StoredReading(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6), reader.GetString(7), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                reader.GetDouble(9), quality, (ulong)reader.GetInt64(11)));
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<string, List<ReadingPoint>>> ReadQuantityAsync(string quantity, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        // Time order over all devices; each device's list is then in time order too.
        cmd.CommandText = """
            SELECT device, time_ms, value, quality = 'uncertain' FROM readings INDEXED BY readings_by_quantity_time
            WHERE quantity = $quantity AND time_ms >= $from AND time_ms < $to AND quality <> 'bad'
            ORDER BY time_ms
            """;
        cmd.Parameters.AddWithValue("$quantity", quantity);
        cmd.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        var result = new Dictionary<string, List<ReadingPoint>>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        string? lastDevice = null;
        List<ReadingPoint>? list = null;
        // Synchronous Read: SQLite steps in-process, and per-row async overhead dominated a year's read.
        while (reader.Read())
        {
            var device = reader.GetString(0);
            if (device != lastDevice)
            {
                if (!result.TryGetValue(device, out list)) result[device] = list = new List<ReadingPoint>();
                lastDevice = device;
            }
            var quality = reader.GetInt64(3) != 0 ? ReadingQuality.Uncertain : ReadingQuality.Good;
            list!.Add(new ReadingPoint(reader.GetInt64(1), reader.GetDouble(2), quality));
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<string, ReadingPoint>> ReadNearestAsync(
        string quantity, IReadOnlyCollection<string> devices, DateTimeOffset at, ReadingSide side, CancellationToken ct)
    {
        var result = new Dictionary<string, ReadingPoint>(StringComparer.Ordinal);
        if (devices.Count == 0) return result;
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        // The primary key (device, quantity, time_ms) answers each device with one seek, even years away.
        cmd.CommandText = side == ReadingSide.Before
            ? "SELECT time_ms, value, quality = 'uncertain' FROM readings WHERE device = $device AND quantity = $quantity AND time_ms < $at AND quality <> 'bad' ORDER BY time_ms DESC LIMIT 1"
            : "SELECT time_ms, value, quality = 'uncertain' FROM readings WHERE device = $device AND quantity = $quantity AND time_ms >= $at AND quality <> 'bad' ORDER BY time_ms LIMIT 1";
        var device = cmd.Parameters.Add(new SqliteParameter { ParameterName = "$device" });
        cmd.Parameters.AddWithValue("$quantity", quantity);
        cmd.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        foreach (var d in devices)
        {
            device.Value = d;
            using var reader = cmd.ExecuteReader();
            if (reader.Read())
                result[d] = new ReadingPoint(reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2) != 0 ? ReadingQuality.Uncertain : ReadingQuality.Good);
        }
        return result;
    }

    public Task DeleteDevicesAsync(IReadOnlyCollection<string> devices, CancellationToken ct) =>
        _file.InTransactionAsync(async (db, tx) =>
        {
            await using var delete = db.CreateCommand();
            delete.Transaction = tx;
            // The primary key starts with the device: one range of it per device.
            delete.CommandText = "DELETE FROM readings WHERE device = $device";
            var device = delete.Parameters.Add(new SqliteParameter { ParameterName = "$device" });
            foreach (var d in devices)
            {
                device.Value = d;
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }, ct);

    private Task<SqliteConnection> OpenAsync(CancellationToken ct) => _file.OpenAsync(ct);
}
