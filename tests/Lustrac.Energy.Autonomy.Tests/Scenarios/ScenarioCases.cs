using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Scenarios;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Scenarios;

/// <summary>Hand-sized histories on hourly grids in UTC (local days = UTC days), households without own PV.</summary>
internal static class ScenarioCases
{
    public static readonly DateTime Start = Utc(2026, 6, 21);

    /// <summary>No clear sky at all: only tests that add arrays need one.</summary>
    public static double NoSky(DateTime t, TimeSpan length, double tilt, double azimuth) => 0;

    public static HouseholdMeters Home(string id, params double[] import) => new(id, M(import), M(new double[import.Length]));

    public static ScenarioHistory History(IntervalGrid grid, HouseholdMeters[] homes, params (string Id, double[] Kwh)[] arrays) => new(
        grid, TimeZoneInfo.Utc, homes,
        arrays.Select(a => new SharedArraySeries(a.Id, 10, 30, 180, M(a.Kwh))).ToArray(),
        AllocationRule.DefaultDynamic, NoSky);

    /// <summary>An hourly series of n values, all <paramref name="baseValue"/> except the hours given.</summary>
    public static double[] Hours(int n, double baseValue, params (int Hour, double Value)[] at)
    {
        var x = Enumerable.Repeat(baseValue, n).ToArray();
        foreach (var (h, v) in at) x[h] = v;
        return x;
    }
}
