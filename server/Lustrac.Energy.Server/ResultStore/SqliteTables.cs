using Microsoft.Data.Sqlite;

namespace Lustrac.Energy.Server.ResultStore;

/// <summary>
/// One table per measurement with the same column names. Tags are part of the primary key (an absent household is
/// stored as ''), so a row's identity is the InfluxDB point's identity.
/// </summary>
internal static class SqliteTables
{
    private static readonly string[] SiteColumn = ["site"];

    public static string Create(MeasurementLayout m)
    {
        var columns = m.Columns.Select(c => $"\"{c.Name}\" " + SqlType(c.Kind));
        var key = string.Join(", ", SiteColumn.Concat(m.Columns.Where(c => c.IsTag).Select(t => $"\"{t.Name}\"")).Append("time_ms"));
        // The time index serves "replace [from, to)", which spans every scope and household of the range.
        return $"CREATE TABLE IF NOT EXISTS {m.Name} (site TEXT NOT NULL, time_ms INTEGER NOT NULL, {string.Join(", ", columns)}, PRIMARY KEY ({key})) WITHOUT ROWID;" +
            $"CREATE INDEX IF NOT EXISTS {m.Name}_by_time ON {m.Name} (site, time_ms);";
    }

    /// <summary>A file written by an older version lacks fields added since (turnings, vital-needs sums, estimated counts): add them, empty.</summary>
    public static async Task AddMissingFieldsAsync(SqliteConnection db, MeasurementLayout m, CancellationToken ct)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var info = db.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{m.Name}')";
            await using var reader = await info.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) existing.Add(reader.GetString(0));
        }
        foreach (var field in m.Columns.Where(f => !f.IsTag && !existing.Contains(f.Name)))
        {
            await using var alter = db.CreateCommand();
            alter.CommandText = $"ALTER TABLE {m.Name} ADD COLUMN \"{field.Name}\" {SqlType(field.Kind)}";
            await alter.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static string SqlType(ColumnKind kind) => kind switch
    {
        ColumnKind.Tag => "TEXT NOT NULL DEFAULT ''",
        ColumnKind.Float => "REAL",
        ColumnKind.Integer => "INTEGER",
        _ => "TEXT",
    };

    /// <summary>A stored row read by column name.</summary>
    public sealed class Row(SqliteDataReader reader) : IStoredRow
    {
        private readonly Dictionary<string, int> _ordinals = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => i);
        public DateTime TimeUtc => DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(_ordinals["time_ms"]));
        public string? Text(string column) => reader.IsDBNull(_ordinals[column]) ? null : reader.GetString(_ordinals[column]);
        public double? Float(string column) => reader.IsDBNull(_ordinals[column]) ? null : reader.GetDouble(_ordinals[column]);
        public long? Integer(string column) => reader.IsDBNull(_ordinals[column]) ? null : reader.GetInt64(_ordinals[column]);

        public byte[]? Base64(string column)
        {
            if (reader.IsDBNull(_ordinals[column])) return null;
            // SQLite hands a TEXT value's UTF-8 bytes as a blob: decoded where they are, no UTF-16 string on the way.
            var bytes = reader.GetFieldValue<byte[]>(_ordinals[column]);
            var status = System.Buffers.Text.Base64.DecodeFromUtf8InPlace(bytes, out int written);
            if (status != System.Buffers.OperationStatus.Done) throw new FormatException($"column {column} is not base64 ({status})");
            return bytes.AsSpan(0, written).ToArray();
        }
    }
}
