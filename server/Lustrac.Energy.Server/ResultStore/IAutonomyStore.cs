using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.ResultStore;

/// <summary>
/// Where computed figures live, beside the readings (same SQLite file, or same InfluxDB database) so Grafana plots
/// them. Writing a range replaces every row of that range: recomputing is idempotent and leaves nothing stale.
/// Implemented once, over either store, by <see cref="ResultStore.StoredResults"/>.
/// </summary>
public interface IAutonomyStore
{
    Task InitialiseAsync(CancellationToken ct);

    /// <summary>Replaces the interval rows (energy, water, tanks, compost) of [results.FromUtc, results.ToUtc).</summary>
    Task ReplaceAsync(AutonomyResults results, CancellationToken ct);

    /// <summary>Replaces the daily rows of the days given.</summary>
    Task ReplaceVitalNeedsAsync(IReadOnlyList<VitalNeedsRow> days, CancellationToken ct);

    /// <summary>Rows of one scope in [from, to), oldest first: household null = the neighbourhood.</summary>
    Task<IReadOnlyList<EnergyIntervalRow>> ReadEnergyAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    /// <summary>Rows of every scope (households and the neighbourhood) in [from, to), oldest first.</summary>
    Task<IReadOnlyList<EnergyIntervalRow>> ReadEveryEnergyAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    /// <summary>The <c>energy_profile</c> rows of every scope whose day starts in [from, to) (see <see cref="EnergyProfiles"/>).</summary>
    Task<IReadOnlyList<EnergyProfileRow>> ReadEnergyProfilesAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    /// <summary>Replaces the <c>energy_profile</c> rows of the days in [fromUtc, toUtc).</summary>
    Task ReplaceEnergyProfilesAsync(DateTime fromUtc, DateTime toUtc, IReadOnlyList<EnergyProfileRow> rows, CancellationToken ct);

    /// <summary>
    /// <c>energy_interval</c> rows summed by the store per period of <paramref name="boundariesUtc"/> (ascending), keyed by
    /// household id or <see cref="EnergySums.Neighbourhood"/>; a period without rows is null. Summing where the rows live
    /// returns one row per scope and period instead of a year's million intervals.
    /// </summary>
    Task<IReadOnlyDictionary<string, EnergyPeriodSum?[]>> SumEnergyAsync(ScopeSelection scopes, IReadOnlyList<DateTime> boundariesUtc, CancellationToken ct);

    /// <summary>The same sums from the stored <c>energy_day</c> rows; every boundary must be a local midnight.</summary>
    Task<IReadOnlyDictionary<string, EnergyPeriodSum?[]>> SumEnergyDaysAsync(ScopeSelection scopes, IReadOnlyList<DateTime> boundariesUtc, CancellationToken ct);

    /// <summary>Replaces the <c>energy_day</c> rows of the days in [fromUtc, toUtc).</summary>
    Task ReplaceEnergyDaysAsync(DateTime fromUtc, DateTime toUtc, IReadOnlyList<EnergyDayRow> rows, CancellationToken ct);

    /// <summary>Writes <c>energy_day</c> rows over the stored ones of the same day and scope (other rows untouched).</summary>
    Task WriteEnergyDaysAsync(IReadOnlyList<EnergyDayRow> rows, CancellationToken ct);

    Task<IReadOnlyList<WaterIntervalRow>> ReadWaterAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    /// <summary>The <c>counter_event</c> rows of [from, to): why intervals are missing (see <see cref="CounterEvents"/>).</summary>
    Task<IReadOnlyList<CounterEventRow>> ReadCounterEventsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    Task<IReadOnlyList<TankStateRow>> ReadTanksAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    Task<IReadOnlyList<CompostStatusRow>> ReadCompostAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    Task<IReadOnlyList<VitalNeedsRow>> ReadVitalNeedsAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct);

    /// <summary>Start of the latest neighbourhood energy interval stored, or null: where the service resumes after a restart.</summary>
    Task<DateTime?> LatestIntervalAsync(CancellationToken ct);
}
