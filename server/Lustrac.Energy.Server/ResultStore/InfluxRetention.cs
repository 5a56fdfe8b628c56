using System.Globalization;
using System.Text;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.ResultStore;

/// <summary>
/// InfluxDB's two retention policies. Readings stay in <c>autogen</c>, the database's default policy, whose duration is
/// set to Store:RetentionDays (INF for 0): an existing database keeps its readings where they are, with no copy of a
/// year of them, and queries that name no policy see them. Results go to <c>results</c> (INF): kept forever, and every
/// result write and query names it. A database from before this split holds its results in <c>autogen</c>: they are
/// copied once into <c>results</c> (SELECT … INTO … GROUP BY * keeps tags as tags and field types), and a marker
/// point says the copy finished, so a stop during it only repeats it (a point copied twice overwrites itself).
/// </summary>
public static class InfluxRetention
{
    public const string ReadingsPolicy = "autogen";
    public const string ResultsPolicy = "results";

    /// <summary>Written once the results of <c>autogen</c> are copied; in the results policy, invisible to dashboards.</summary>
    public const string MigrationMarker = "lustrac_migration";

    /// <summary>Every measurement of results (and operator-entered turnings), which are kept forever.</summary>
    public static readonly string[] ResultMeasurements =
    [
        AutonomySchema.Energy.Name, EnergyDays.Schema.Name, AutonomySchema.Water.Name, AutonomySchema.Tank.Name,
        AutonomySchema.Compost.Name, AutonomySchema.Vital.Name, AutonomySchema.Turning.Name,
    ];

    /// <summary><c>"results"."energy_interval"</c>: a measurement of the results policy, for InfluxQL.</summary>
    public static string Results(string measurement) => $"\"{ResultsPolicy}\".\"{measurement}\"";

    /// <summary>Idempotent; run before any result is written. The readings' duration is changed last, once results are safe.</summary>
    public static async Task ApplyAsync(InfluxClient influx, CancellationToken ct)
    {
        var db = influx.Settings.InfluxDatabase;
        if (!Identifiers.IsValid(db)) throw new ArgumentException($"InfluxDB database name '{db}' must be {Identifiers.Rule}");
        await RunAsync(influx, $"CREATE DATABASE \"{db}\"", ct).ConfigureAwait(false);
        // Creating a policy that exists with the same settings is a no-op in InfluxDB 1.x; a different shard duration is an error, so name none.
        await RunAsync(influx, $"CREATE RETENTION POLICY \"{ResultsPolicy}\" ON \"{db}\" DURATION INF REPLICATION 1", ct).ConfigureAwait(false);
        if (!await HasMarkerAsync(influx, ct).ConfigureAwait(false))
        {
            foreach (var m in ResultMeasurements) await CopyAsync(influx, m, ct).ConfigureAwait(false);
            await influx.WriteAsync(new StringBuilder($"{MigrationMarker} autogen_results_copied=true 0\n"), ResultsPolicy, "write migration marker", ct).ConfigureAwait(false);
        }
        // Only a validated integer goes into this statement.
        var duration = influx.Settings.RetentionDays > 0 ? influx.Settings.RetentionDays.ToString("D", CultureInfo.InvariantCulture) + "d" : "INF";
        await RunAsync(influx, $"ALTER RETENTION POLICY \"{ReadingsPolicy}\" ON \"{db}\" DURATION {duration}", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A quarter at a time from the measurement's first point: one statement per quarter stays well within the HTTP
    /// timeout (measured: a year of 10 households' energy_interval, 385,440 points, copies in 17.9 s in one statement).
    /// </summary>
    public static readonly TimeSpan CopySlice = TimeSpan.FromDays(91);

    private static async Task CopyAsync(InfluxClient influx, string measurement, CancellationToken ct)
    {
        var db = influx.Settings.InfluxDatabase;
        var source = $"\"{db}\".\"{ReadingsPolicy}\".\"{measurement}\"";
        long? firstMs = null;
        await influx.QueryAsync($"SELECT * FROM {source} ORDER BY time ASC LIMIT 1", null, s =>
        {
            foreach (var row in s.Rows) firstMs ??= row[0].GetInt64();
        }, ct, Setup).ConfigureAwait(false);
        if (firstMs is not long ms) return;
        var from = DateTime.UnixEpoch.AddMilliseconds(ms);
        // Results may sit a little ahead of now (a local midnight, a turning minutes ahead): two days' margin, and the statement after the loop takes anything further ahead.
        var end = DateTime.UtcNow.AddDays(2);
        for (; from < end; from += CopySlice)
        {
            var to = from + CopySlice;
            await RunAsync(influx, FormattableString.Invariant(
                $"SELECT * INTO \"{db}\".\"{ResultsPolicy}\".\"{measurement}\" FROM {source} WHERE time >= {Ns(from)} AND time < {Ns(to)} GROUP BY *"), ct).ConfigureAwait(false);
        }
        // Anything stamped further ahead still comes along.
        await RunAsync(influx, FormattableString.Invariant(
            $"SELECT * INTO \"{db}\".\"{ResultsPolicy}\".\"{measurement}\" FROM {source} WHERE time >= {Ns(end)} GROUP BY *"), ct).ConfigureAwait(false);

        static long Ns(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;
    }

    private static async Task<bool> HasMarkerAsync(InfluxClient influx, CancellationToken ct)
    {
        bool found = false;
        await influx.QueryAsync($"SELECT * FROM {Results(MigrationMarker)} LIMIT 1", null, _ => found = true, ct, Setup).ConfigureAwait(false);
        return found;
    }

    private const string Setup = "retention set-up";

    private static Task RunAsync(InfluxClient influx, string statement, CancellationToken ct) => influx.RunAsync(statement, null, Setup, ct);
}
