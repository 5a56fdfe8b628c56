using System.Text;
using Microsoft.Data.Sqlite;

namespace Lustrac.Energy.Server.Autonomy;

/// <summary>
/// Results in the embedded SQLite file, one table per measurement with the same column names. Tags are part of the
/// primary key (an absent household is stored as ''), so a row's identity is the InfluxDB point's identity.
/// </summary>
public sealed class SqliteAutonomyStore(string path, string site) : IAutonomyStore, ITurningStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    public async Task InitialiseAsync(CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = "PRAGMA journal_mode = WAL;" + Create(AutonomySchema.Energy) + Create(AutonomySchema.Water) +
                Create(AutonomySchema.Tank) + Create(AutonomySchema.Compost) + Create(AutonomySchema.Vital) + Create(AutonomySchema.Turning) +
                Create(EnergyDays.Schema) + Create(CounterEvents.Schema);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await AddMissingFieldsAsync(db, AutonomySchema.Compost, ct).ConfigureAwait(false);
        await AddMissingFieldsAsync(db, AutonomySchema.Vital, ct).ConfigureAwait(false);
        await AddMissingFieldsAsync(db, EnergyDays.Schema, ct).ConfigureAwait(false);
        await AddMissingFieldsAsync(db, CounterEvents.Schema, ct).ConfigureAwait(false);
    }

    /// <summary>A file written by an older version lacks fields added since (turnings, vital-needs sums, estimated counts): add them, empty.</summary>
    private static async Task AddMissingFieldsAsync<T>(SqliteConnection db, MeasurementSchema<T> s, CancellationToken ct)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var info = db.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{s.Name}')";
            await using var reader = await info.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) existing.Add(reader.GetString(0));
        }
        foreach (var field in s.Fields.Where(f => !existing.Contains(f.Name)))
        {
            await using var alter = db.CreateCommand();
            alter.CommandText = $"ALTER TABLE {s.Name} ADD COLUMN \"{field.Name}\" {SqlType(field.Kind)}";
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

    private static string Create<T>(MeasurementSchema<T> s)
    {
        var columns = s.Columns.Select(c => $"\"{c.Name}\" " + SqlType(c.Kind));
        var key = string.Join(", ", new[] { "site" }.Concat(s.Tags.Select(t => $"\"{t.Name}\"")).Append("time_ms"));
        // The time index serves "replace [from, to)", which spans every scope and household of the range.
        return $"CREATE TABLE IF NOT EXISTS {s.Name} (site TEXT NOT NULL, time_ms INTEGER NOT NULL, {string.Join(", ", columns)}, PRIMARY KEY ({key})) WITHOUT ROWID;" +
            $"CREATE INDEX IF NOT EXISTS {s.Name}_by_time ON {s.Name} (site, time_ms);";
    }

    public async Task ReplaceAsync(AutonomyResults results, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ReplaceAsync(db, tx, AutonomySchema.Energy, results.FromUtc, results.ToUtc, results.Energy, ct).ConfigureAwait(false);
        await ReplaceAsync(db, tx, AutonomySchema.Water, results.FromUtc, results.ToUtc, results.Water, ct).ConfigureAwait(false);
        await ReplaceAsync(db, tx, AutonomySchema.Tank, results.FromUtc, results.ToUtc, results.Tanks, ct).ConfigureAwait(false);
        await ReplaceAsync(db, tx, AutonomySchema.Compost, results.FromUtc, results.ToUtc, results.Compost, ct).ConfigureAwait(false);
        await ReplaceAsync(db, tx, CounterEvents.Schema, results.FromUtc, results.ToUtc, results.Events, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task ReplaceVitalNeedsAsync(IReadOnlyList<VitalNeedsRow> days, CancellationToken ct)
    {
        if (days.Count == 0) return;
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var day in days)
            await ReplaceAsync(db, tx, AutonomySchema.Vital, day.DayStartUtc, day.DayStartUtc.AddMilliseconds(1), [day], ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task ReplaceAsync<T>(SqliteConnection db, SqliteTransaction tx, MeasurementSchema<T> s, DateTime from, DateTime to, IReadOnlyList<T> rows, CancellationToken ct)
    {
        await using (var delete = db.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = $"DELETE FROM {s.Name} WHERE site = $site AND time_ms >= $from AND time_ms < $to";
            delete.Parameters.AddWithValue("$site", site);
            delete.Parameters.AddWithValue("$from", Ms(from));
            delete.Parameters.AddWithValue("$to", Ms(to));
            await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await InsertAsync(db, tx, s, rows, ct).ConfigureAwait(false);
    }

    /// <summary>INSERT OR REPLACE: a row with the same identity (site, tags, time) is overwritten.</summary>
    private async Task InsertAsync<T>(SqliteConnection db, SqliteTransaction tx, MeasurementSchema<T> s, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var insert = db.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT OR REPLACE INTO {s.Name} (site, time_ms, {string.Join(", ", s.Columns.Select(c => $"\"{c.Name}\""))}) " +
            $"VALUES ($site, $time, {string.Join(", ", s.Columns.Select((_, i) => $"$c{i}"))})";
        insert.Parameters.AddWithValue("$site", site);
        var time = insert.Parameters.Add(new SqliteParameter { ParameterName = "$time" });
        var values = s.Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter { ParameterName = $"$c{i}" })).ToArray();
        await insert.PrepareAsync(ct).ConfigureAwait(false);
        foreach (var row in rows)
        {
            time.Value = Ms(s.Time(row));
            for (int i = 0; i < values.Length; i++) values[i].Value = s.Columns[i].Value(row) ?? DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<EnergyIntervalRow>> ReadEnergyAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Energy, ScopeFilter(household), fromUtc, toUtc, ct);

    public Task<IReadOnlyDictionary<string, EnergyPeriodSum?[]>> SumEnergyAsync(ScopeSelection scopes, IReadOnlyList<DateTime> boundariesUtc, CancellationToken ct) =>
        SumAsync(AutonomySchema.Energy.Name, "SUM(r.quality = 'measured'), SUM(r.quality = 'interpolated'), SUM(r.quality = 'estimated')", scopes, boundariesUtc, ct);

    public Task<IReadOnlyDictionary<string, EnergyPeriodSum?[]>> SumEnergyDaysAsync(ScopeSelection scopes, IReadOnlyList<DateTime> boundariesUtc, CancellationToken ct) =>
        SumAsync(EnergyDays.Schema.Name, "SUM(r.intervals_measured), SUM(r.intervals_interpolated), COALESCE(SUM(r.intervals_estimated), 0)", scopes, boundariesUtc, ct);

    public async Task ReplaceEnergyDaysAsync(DateTime fromUtc, DateTime toUtc, IReadOnlyList<EnergyDayRow> rows, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ReplaceAsync(db, tx, EnergyDays.Schema, fromUtc, toUtc, rows, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task WriteEnergyDaysAsync(IReadOnlyList<EnergyDayRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(ct).ConfigureAwait(false);
        // An empty range: nothing deleted, each row written over the one of its day and scope (INSERT OR REPLACE).
        await ReplaceAsync(db, tx, EnergyDays.Schema, rows[0].DayStartUtc, rows[0].DayStartUtc, rows, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task<IReadOnlyDictionary<string, EnergyPeriodSum?[]>> SumAsync(string table, string qualityCounts, ScopeSelection scopes, IReadOnlyList<DateTime> boundariesUtc, CancellationToken ct)
    {
        var result = new Dictionary<string, EnergyPeriodSum?[]>(StringComparer.Ordinal);
        int periods = boundariesUtc.Count - 1;
        if (periods < 1) return result;
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        // The periods as a table to join on; its numbers are computed here (epoch ms), never request text.
        var values = string.Join(", ", Enumerable.Range(0, periods).Select(p =>
            FormattableString.Invariant($"({p}, {Ms(boundariesUtc[p])}, {Ms(boundariesUtc[p + 1])})")));
        var filter = "";
        var tags = scopes.Every ? [] : ScopeFilter(scopes.Household);
        for (int i = 0; i < tags.Length; i++)
        {
            filter += $" AND r.\"{tags[i].Item1}\" = $t{i}";
            cmd.Parameters.AddWithValue($"$t{i}", tags[i].Item2);
        }
        var sums = string.Join(", ", EnergySums.PartColumns.Select(c => $"SUM(r.\"{c}\")"));
        cmd.CommandText =
            $"WITH periods(p, from_ms, to_ms) AS (VALUES {values}) " +
            $"SELECT periods.p, r.household, {sums}, {qualityCounts}, " +
            "SUM(r.meters_reporting), SUM(r.meters_expected) " +
            $"FROM periods JOIN {table} r ON r.site = $site AND r.time_ms >= periods.from_ms AND r.time_ms < periods.to_ms{filter} " +
            "GROUP BY periods.p, r.household";
        cmd.Parameters.AddWithValue("$site", site);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        int n = EnergySums.PartColumns.Length;
        while (reader.Read())
        {
            var key = reader.GetString(1);
            if (!result.TryGetValue(key, out var scope)) result[key] = scope = new EnergyPeriodSum?[periods];
            scope[reader.GetInt32(0)] = new EnergyPeriodSum(
                EnergySums.Parts(i => reader.IsDBNull(2 + i) ? null : reader.GetDouble(2 + i)),
                (int)reader.GetInt64(2 + n), (int)reader.GetInt64(3 + n), reader.GetInt64(5 + n), reader.GetInt64(6 + n), (int)reader.GetInt64(4 + n));
        }
        return result;
    }

    public Task<IReadOnlyList<WaterIntervalRow>> ReadWaterAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Water, ScopeFilter(household), fromUtc, toUtc, ct);

    public Task<IReadOnlyList<CounterEventRow>> ReadCounterEventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(CounterEvents.Schema, [], fromUtc, toUtc, ct);

    public Task<IReadOnlyList<TankStateRow>> ReadTanksAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Tank, [], fromUtc, toUtc, ct);

    public Task<IReadOnlyList<CompostStatusRow>> ReadCompostAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Compost, [], fromUtc, toUtc, ct);

    public Task<IReadOnlyList<VitalNeedsRow>> ReadVitalNeedsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        ReadAsync(AutonomySchema.Vital, [], fromUtc, toUtc, ct);

    public async Task RecordTurningAsync(CompostTurning turning, CancellationToken ct)
    {
        await EnsureTurningTableAsync(ct).ConfigureAwait(false);
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(ct).ConfigureAwait(false);
        await InsertAsync(db, tx, AutonomySchema.Turning, [turning], ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CompostTurning>> ReadTurningsAsync(string? pile, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        await EnsureTurningTableAsync(ct).ConfigureAwait(false);
        return await ReadAsync(AutonomySchema.Turning, pile is null ? [] : [("asset", pile)], fromUtc, toUtc, ct).ConfigureAwait(false);
    }

    private volatile bool _turningTableReady;

    /// <summary>An operator may record a turning before the autonomy service has initialised the file at start-up.</summary>
    private async Task EnsureTurningTableAsync(CancellationToken ct)
    {
        if (_turningTableReady) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = Create(AutonomySchema.Turning);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        _turningTableReady = true;
    }

    public async Task<DateTime?> LatestIntervalAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT MAX(time_ms) FROM energy_interval WHERE site = $site AND scope = 'neighbourhood'";
        cmd.Parameters.AddWithValue("$site", site);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is long ms ? DateTime.UnixEpoch.AddMilliseconds(ms) : null;
    }

    private static (string, string)[] ScopeFilter(string? household) => household is null
        ? [("scope", AutonomyScope.Neighbourhood), ("household", "")]
        : [("scope", AutonomyScope.Household), ("household", household)];

    private async Task<IReadOnlyList<T>> ReadAsync<T>(MeasurementSchema<T> s, (string Tag, string Value)[] filter, DateTime from, DateTime to, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = db.CreateCommand();
        var where = new StringBuilder("site = $site AND time_ms >= $from AND time_ms < $to");
        for (int i = 0; i < filter.Length; i++)
        {
            where.Append($" AND \"{filter[i].Tag}\" = $t{i}");
            cmd.Parameters.AddWithValue($"$t{i}", filter[i].Value);
        }
        cmd.CommandText = $"SELECT * FROM {s.Name} WHERE {where} ORDER BY time_ms";
        cmd.Parameters.AddWithValue("$site", site);
        cmd.Parameters.AddWithValue("$from", Ms(from));
        cmd.Parameters.AddWithValue("$to", Ms(to));
        var result = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var row = new SqliteRow(reader);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) result.Add(s.Read(row));
        return result;
    }

    private sealed class SqliteRow(SqliteDataReader reader) : IStoredRow
    {
        private readonly Dictionary<string, int> _ordinals = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => i);
        public DateTime TimeUtc => DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(_ordinals["time_ms"]));
        public string? Text(string column) => reader.IsDBNull(_ordinals[column]) ? null : reader.GetString(_ordinals[column]);
        public double? Float(string column) => reader.IsDBNull(_ordinals[column]) ? null : reader.GetDouble(_ordinals[column]);
        public long? Integer(string column) => reader.IsDBNull(_ordinals[column]) ? null : reader.GetInt64(_ordinals[column]);
    }

    private static long Ms(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var db = new SqliteConnection(_connectionString);
        await db.OpenAsync(ct).ConfigureAwait(false);
        return db;
    }
}
