using System.Numerics;
using Lustrac.Energy.Autonomy.Intervals;

namespace Lustrac.Energy.Autonomy.Rollups;

/// <summary>
/// Sums interval records into periods. A record belongs to the period containing its start. The result is a
/// pure function of the records, so it does not depend on the order data arrived in, and a late batch only
/// needs the periods containing the intervals it touched to be summed again.
/// </summary>
public static class Rollup
{
    /// <param name="records">Records sorted by start (as produced by the engine over a grid).</param>
    /// <param name="boundariesUtc">Ascending period boundaries (see <see cref="LocalCalendar.Boundaries"/>).</param>
    public static IReadOnlyList<Rollup<T>> ByPeriods<T>(ReadOnlySpan<IntervalRecord<T>> records, IReadOnlyList<DateTime> boundariesUtc, TimeSpan intervalLength)
        where T : struct, IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T>
    {
        var result = new List<Rollup<T>>(Math.Max(0, boundariesUtc.Count - 1));
        int r = 0;
        for (int p = 0; p + 1 < boundariesUtc.Count; p++)
        {
            DateTime start = boundariesUtc[p], end = boundariesUtc[p + 1];
            while (r < records.Length && records[r].StartUtc < start) r++;
            var sum = T.AdditiveIdentity;
            int present = 0, measured = 0, interpolated = 0, estimated = 0;
            long reporting = 0, expectedMeters = 0;
            for (; r < records.Length && records[r].StartUtc < end; r++)
            {
                var rec = records[r];
                reporting += rec.MetersReporting;
                expectedMeters += rec.MetersExpected;
                if (rec.Quality == IntervalQuality.Missing) continue;
                sum += rec.Parts;
                present++;
                if (rec.Quality == IntervalQuality.Measured) measured++;
                else if (rec.Quality == IntervalQuality.Interpolated) interpolated++;
                else estimated++;
            }
            int expected = (int)((end - start).Ticks / intervalLength.Ticks);
            result.Add(new Rollup<T>(start, end, sum, expected, present, measured, interpolated, reporting, expectedMeters, estimated));
        }
        return result;
    }

    public static IReadOnlyList<Rollup<T>> ByLocalDay<T>(ReadOnlySpan<IntervalRecord<T>> records, IntervalGrid grid, TimeZoneInfo zone)
        where T : struct, IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T> =>
        ByPeriods(records, LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Day, zone), grid.Length);

    public static IReadOnlyList<Rollup<T>> ByLocalMonth<T>(ReadOnlySpan<IntervalRecord<T>> records, IntervalGrid grid, TimeZoneInfo zone)
        where T : struct, IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T> =>
        ByPeriods(records, LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Month, zone), grid.Length);

    public static IReadOnlyList<Rollup<T>> ByLocalYear<T>(ReadOnlySpan<IntervalRecord<T>> records, IntervalGrid grid, TimeZoneInfo zone)
        where T : struct, IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T> =>
        ByPeriods(records, LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Year, zone), grid.Length);

    /// <summary>
    /// The rollup of [fromUtc, toUtc) from the rollups of the periods inside it: every part is a sum, so this equals
    /// summing their intervals (up to rounding). Expected intervals are the range's own.
    /// </summary>
    public static Rollup<T> Combine<T>(ReadOnlySpan<Rollup<T>> periods, DateTime fromUtc, DateTime toUtc, TimeSpan intervalLength)
        where T : struct, IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T>
    {
        var sum = T.AdditiveIdentity;
        int measured = 0, interpolated = 0, estimated = 0;
        long reporting = 0, expectedMeters = 0;
        foreach (var r in periods)
        {
            sum += r.Sum;
            (measured, interpolated, estimated) = (measured + r.Measured, interpolated + r.Interpolated, estimated + r.Estimated);
            (reporting, expectedMeters) = (reporting + r.MeterIntervalsReporting, expectedMeters + r.MeterIntervalsExpected);
        }
        int expected = (int)((toUtc - fromUtc).Ticks / intervalLength.Ticks);
        return new Rollup<T>(fromUtc, toUtc, sum, expected, measured + interpolated + estimated, measured, interpolated, reporting, expectedMeters, estimated);
    }

    /// <summary>One rollup over an arbitrary [fromUtc, toUtc) aligned on the interval length.</summary>
    public static Rollup<T> Range<T>(ReadOnlySpan<IntervalRecord<T>> records, DateTime fromUtc, DateTime toUtc, TimeSpan intervalLength)
        where T : struct, IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T>
    {
        if ((toUtc - fromUtc).Ticks % intervalLength.Ticks != 0 || fromUtc.Ticks % intervalLength.Ticks != 0)
            throw new ArgumentException("A range must start and end on interval boundaries.");
        return ByPeriods(records, [fromUtc, toUtc], intervalLength)[0];
    }
}
