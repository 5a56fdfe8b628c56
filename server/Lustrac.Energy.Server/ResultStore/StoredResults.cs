using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.ResultStore;

/// <summary>
/// The computed figures as the server stores and reads them, written once over either store: which rows a
/// computation replaces, how a scope is selected, how period sums are asked for and put back together. SQLite and
/// InfluxDB only translate rows of a <see cref="MeasurementSchema{T}"/> (<see cref="IMeasurementStore"/>).
/// </summary>
public sealed partial class StoredResults(IMeasurementStore store) : IAutonomyStore, ITurningStore
{
    /// <summary>Every measurement of results, and the operator's turnings, in the order they are created.</summary>
    public static readonly MeasurementLayout[] Measurements =
    [
        AutonomySchema.Energy.Layout, AutonomySchema.Water.Layout, AutonomySchema.Tank.Layout, AutonomySchema.Compost.Layout,
        AutonomySchema.Vital.Layout, AutonomySchema.Turning.Layout, EnergyDays.Schema.Layout, CounterEvents.Schema.Layout,
        Forecast.KeptForecasts.Schema.Layout,
        Privacy.Departures.HouseholdRoster.Schema.Layout, EnergyProfiles.Schema.Layout,
    ];

    /// <summary>The rows seam itself, for results kept by their own folder (the kept forecasts).</summary>
    public IMeasurementStore Rows => store;

    /// <summary>Results beside the readings in the embedded SQLite file.</summary>
    public static StoredResults InSqlite(string path, string site) => new(new SqliteMeasurementStore(new SqliteFile(path), site, Measurements));

    /// <summary>Results in InfluxDB's <c>results</c> policy of the readings' database.</summary>
    public static StoredResults InInflux(HttpClient http, StoreSettings settings, string site) =>
        new(new InfluxMeasurementStore(new InfluxClient(http, settings), site));

    public Task InitialiseAsync(CancellationToken ct) => store.InitialiseAsync(ct);

    public Task ReplaceAsync(AutonomyResults results, CancellationToken ct)
    {
        DateTime from = results.FromUtc, to = results.ToUtc;
        return store.ReplaceAsync(
        [
            new(AutonomySchema.Energy.Points(results.Energy), from, to), new(AutonomySchema.Water.Points(results.Water), from, to),
            new(AutonomySchema.Tank.Points(results.Tanks), from, to), new(AutonomySchema.Compost.Points(results.Compost), from, to),
            new(CounterEvents.Schema.Points(results.Events), from, to),
        ], results.NeverStored, ct);
    }

    /// <summary>Each day's row replaces the one stored at its midnight.</summary>
    public Task ReplaceVitalNeedsAsync(IReadOnlyList<VitalNeedsRow> days, CancellationToken ct) => days.Count == 0 ? Task.CompletedTask :
        store.ReplaceAsync([.. days.Select(d => new RangeReplacement(AutonomySchema.Vital.Points([d]), d.DayStartUtc, d.DayStartUtc.AddMilliseconds(1)))], false, ct);

    public Task ReplaceEnergyDaysAsync(DateTime fromUtc, DateTime toUtc, IReadOnlyList<EnergyDayRow> rows, CancellationToken ct) =>
        store.ReplaceAsync([new(EnergyDays.Schema.Points(rows), fromUtc, toUtc)], false, ct);

    public Task WriteEnergyDaysAsync(IReadOnlyList<EnergyDayRow> rows, CancellationToken ct) =>
        rows.Count == 0 ? Task.CompletedTask : store.WriteAsync(EnergyDays.Schema.Points(rows), ct);

    public Task<IReadOnlyList<EnergyIntervalRow>> ReadEnergyAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        Read(AutonomySchema.Energy, Scope(household), fromUtc, toUtc, ct);

    public Task<IReadOnlyList<EnergyIntervalRow>> ReadEveryEnergyAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        Read(AutonomySchema.Energy, [], fromUtc, toUtc, ct);

    public Task<IReadOnlyList<EnergyProfileRow>> ReadEnergyProfilesAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        Read(EnergyProfiles.Schema, [], fromUtc, toUtc, ct);

    public Task ReplaceEnergyProfilesAsync(DateTime fromUtc, DateTime toUtc, IReadOnlyList<EnergyProfileRow> rows, CancellationToken ct) =>
        store.ReplaceAsync([new(EnergyProfiles.Schema.Points(rows), fromUtc, toUtc)], false, ct);

    public Task<IReadOnlyList<WaterIntervalRow>> ReadWaterAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        Read(AutonomySchema.Water, Scope(household), fromUtc, toUtc, ct);

    public Task<IReadOnlyList<CounterEventRow>> ReadCounterEventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        Read(CounterEvents.Schema, [], fromUtc, toUtc, ct);

    public Task<IReadOnlyList<TankStateRow>> ReadTanksAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        Read(AutonomySchema.Tank, [], fromUtc, toUtc, ct);

    public Task<IReadOnlyList<CompostStatusRow>> ReadCompostAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        Read(AutonomySchema.Compost, [], fromUtc, toUtc, ct);

    public Task<IReadOnlyList<VitalNeedsRow>> ReadVitalNeedsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        Read(AutonomySchema.Vital, [], fromUtc, toUtc, ct);

    /// <summary>One row; the same (site, pile, time) again overwrites it with the same fields, so nothing stale survives.</summary>
    public Task RecordTurningAsync(CompostTurning turning, CancellationToken ct) => store.WriteAsync(AutonomySchema.Turning.Points([turning]), ct);

    public Task<IReadOnlyList<CompostTurning>> ReadTurningsAsync(string? pile, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        Read(AutonomySchema.Turning, pile is null ? [] : [new TagEquals("asset", pile)], fromUtc, toUtc, ct);

    public Task<DateTime?> LatestIntervalAsync(CancellationToken ct) =>
        store.LatestAsync(AutonomySchema.Energy.Name, [new TagEquals("scope", AutonomyScope.Neighbourhood)], ct);

    /// <summary>
    /// Per run of equal periods the parts and meter counts are summed, and the intervals counted: those with a value
    /// (measured, interpolated or estimated: a Missing row stores no parts), the interpolated and the estimated ones;
    /// measured = defined − both.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, EnergyPeriodSum?[]>> SumEnergyAsync(ScopeSelection scopes, IReadOnlyList<DateTime> boundariesUtc, CancellationToken ct)
    {
        var query = new ColumnSumQuery(AutonomySchema.Energy.Name, "household", Filter(scopes), boundariesUtc,
            [.. EnergySums.PartColumns, "meters_reporting", "meters_expected"],
            [new RowCount("consumption_kwh"), new RowCount("quality", "interpolated"), new RowCount("quality", "estimated")]);
        return Map(await store.SumAsync(query, ct).ConfigureAwait(false), t => new EnergyPeriodSum(Parts(t),
            (int)(t.Counts[0] - t.Counts[1] - t.Counts[2]), (int)t.Counts[1], Whole(t, 9), Whole(t, 10), (int)t.Counts[2]));
    }

    /// <summary>Day rows carry their interval counts: everything is a sum (an older file's missing estimated count is 0).</summary>
    public async Task<IReadOnlyDictionary<string, EnergyPeriodSum?[]>> SumEnergyDaysAsync(ScopeSelection scopes, IReadOnlyList<DateTime> boundariesUtc, CancellationToken ct)
    {
        var query = new ColumnSumQuery(EnergyDays.Schema.Name, "household", Filter(scopes), boundariesUtc,
            [.. EnergySums.PartColumns, "intervals_measured", "intervals_interpolated", "intervals_estimated", "meters_reporting", "meters_expected"], [],
            RowsAreFew: true);
        return Map(await store.SumAsync(query, ct).ConfigureAwait(false), t => new EnergyPeriodSum(Parts(t),
            (int)Whole(t, 9), (int)Whole(t, 10), Whole(t, 12), Whole(t, 13), (int)Whole(t, 11)));
    }

    private static Lustrac.Energy.Autonomy.Energy.EnergyParts Parts(ColumnTotals t) => EnergySums.Parts(i => t.Sums[i]);

    private static long Whole(ColumnTotals t, int sum) => (long)(t.Sums[sum] ?? 0);

    private static Dictionary<string, EnergyPeriodSum?[]> Map(IReadOnlyDictionary<string, ColumnTotals?[]> totals, Func<ColumnTotals, EnergyPeriodSum> sum) =>
        totals.ToDictionary(g => g.Key, g => g.Value.Select(t => t is null ? (EnergyPeriodSum?)null : sum(t)).ToArray(), StringComparer.Ordinal);

    private static TagEquals[] Filter(ScopeSelection scopes) => scopes.Every ? [] : Scope(scopes.Household);

    /// <summary>One scope: a household, or with null the neighbourhood (its rows have household '').</summary>
    private static TagEquals[] Scope(string? household) => household is null
        ? [new("scope", AutonomyScope.Neighbourhood), new("household", "")]
        : [new("scope", AutonomyScope.Household), new("household", household)];

    private Task<IReadOnlyList<T>> Read<T>(MeasurementSchema<T> schema, IReadOnlyList<TagEquals> filter, DateTime from, DateTime to, CancellationToken ct) =>
        store.ReadAsync(schema.Name, filter, from, to, schema.Read, ct);
}
