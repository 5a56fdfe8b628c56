using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

/// <summary>Which energy scopes a store sums: every household and the neighbourhood, or one of them.</summary>
public sealed record ScopeSelection(bool Every, string? Household)
{
    public static readonly ScopeSelection EveryScope = new(true, null);

    /// <summary>One scope: a household, or with null the neighbourhood.</summary>
    public static ScopeSelection One(string? household) => new(false, household);
}

/// <summary>
/// What the store adds up for one scope and period: the parts of its defined intervals, how many intervals were
/// measured, interpolated or estimated from power, and the meter counts of every interval row. Every member is a plain sum, so periods
/// combine exactly (a month is the sum of its days).
/// </summary>
public readonly record struct EnergyPeriodSum(EnergyParts Sum, int Measured, int Interpolated, long MetersReporting, long MetersExpected, int Estimated = 0)
{
    public static EnergyPeriodSum operator +(EnergyPeriodSum a, EnergyPeriodSum b) => new(a.Sum + b.Sum, a.Measured + b.Measured,
        a.Interpolated + b.Interpolated, a.MetersReporting + b.MetersReporting, a.MetersExpected + b.MetersExpected, a.Estimated + b.Estimated);

    /// <summary>Intervals with a value: measured, interpolated or estimated.</summary>
    public int Defined => Measured + Interpolated + Estimated;

    public Rollup<EnergyParts> ToRollup(DateTime startUtc, DateTime endUtc, TimeSpan intervalLength) => new(startUtc, endUtc, Sum,
        (int)((endUtc - startUtc).Ticks / intervalLength.Ticks), Defined, Measured, Interpolated, MetersReporting, MetersExpected, Estimated);
}

/// <summary>Period sums of <c>energy_interval</c> rows, keyed by household id and <see cref="Neighbourhood"/>.</summary>
public static class EnergySums
{
    /// <summary>The key of the neighbourhood's sums (its rows have no household).</summary>
    public const string Neighbourhood = "";

    /// <summary>The <c>energy_interval</c> columns of <see cref="EnergyParts"/>, in its constructor's order.</summary>
    public static readonly string[] PartColumns =
    [
        "consumption_kwh", "production_kwh", "import_kwh", "export_kwh", "battery_charge_kwh", "battery_discharge_kwh",
        "allocated_kwh", "locally_supplied_kwh", "self_consumed_kwh",
    ];

    /// <summary>Parts from summed columns in <see cref="PartColumns"/> order (a sum over no defined interval is 0).</summary>
    public static EnergyParts Parts(Func<int, double?> column) => new(
        column(0) ?? 0, column(1) ?? 0, column(2) ?? 0, column(3) ?? 0, column(4) ?? 0, column(5) ?? 0, column(6) ?? 0, column(7) ?? 0, column(8) ?? 0);

    /// <summary>Rollups of one scope, one per period; a period without any row is all missing.</summary>
    public static IReadOnlyList<Rollup<EnergyParts>> Rollups(EnergyPeriodSum?[]? sums, IReadOnlyList<DateTime> boundariesUtc, TimeSpan intervalLength)
    {
        var result = new List<Rollup<EnergyParts>>(Math.Max(0, boundariesUtc.Count - 1));
        for (int p = 0; p + 1 < boundariesUtc.Count; p++)
            result.Add((sums?[p] ?? default).ToRollup(boundariesUtc[p], boundariesUtc[p + 1], intervalLength));
        return result;
    }

    /// <summary>The rollup of consecutive periods: every part is a sum, so this equals summing their intervals.</summary>
    public static Rollup<EnergyParts> Combine(IReadOnlyList<Rollup<EnergyParts>> periods, DateTime fromUtc, DateTime toUtc)
    {
        var sum = default(EnergyParts);
        int expected = 0, measured = 0, interpolated = 0, estimated = 0;
        long reporting = 0, expectedMeters = 0;
        foreach (var r in periods)
        {
            sum += r.Sum;
            expected += r.Expected;
            measured += r.Measured;
            interpolated += r.Interpolated;
            estimated += r.Estimated;
            reporting += r.MeterIntervalsReporting;
            expectedMeters += r.MeterIntervalsExpected;
        }
        return new Rollup<EnergyParts>(fromUtc, toUtc, sum, expected, measured + interpolated + estimated, measured, interpolated, reporting, expectedMeters, estimated);
    }

    /// <summary>Sums rows in memory, the way a store's SUM does: the reference the store implementations are tested against.</summary>
    public static Dictionary<string, EnergyPeriodSum?[]> Of(IEnumerable<EnergyIntervalRow> rows, IReadOnlyList<DateTime> boundariesUtc) =>
        Fold(rows.Select(r => (r.StartUtc, r.Household, new EnergyPeriodSum(r.IsDefined ? r.Parts : default,
            r.Quality == IntervalQuality.Measured ? 1 : 0, r.Quality == IntervalQuality.Interpolated ? 1 : 0,
            (long)r.MetersReporting, (long)r.MetersExpected, r.Quality == IntervalQuality.Estimated ? 1 : 0))), boundariesUtc);

    /// <summary>Adds day rows into the periods containing each day's start.</summary>
    public static Dictionary<string, EnergyPeriodSum?[]> OfDays(IEnumerable<EnergyDayRow> days, IReadOnlyList<DateTime> boundariesUtc) =>
        Fold(days.Select(d => (d.DayStartUtc, d.Household, d.Sums)), boundariesUtc);

    private static Dictionary<string, EnergyPeriodSum?[]> Fold(
        IEnumerable<(DateTime StartUtc, string? Household, EnergyPeriodSum Sum)> items, IReadOnlyList<DateTime> boundariesUtc)
    {
        var result = new Dictionary<string, EnergyPeriodSum?[]>(StringComparer.Ordinal);
        int periods = Math.Max(0, boundariesUtc.Count - 1);
        foreach (var (start, household, sum) in items)
        {
            int p = Periods.IndexOf(boundariesUtc, start);
            if (p < 0) continue;
            var key = household ?? Neighbourhood;
            if (!result.TryGetValue(key, out var sums)) result[key] = sums = new EnergyPeriodSum?[periods];
            sums[p] = (sums[p] ?? default) + sum;
        }
        return result;
    }
}
