using Lustrac.Energy.Autonomy.Intervals;

namespace Lustrac.Energy.Autonomy.Tests;

internal static class TestData
{
    /// <summary>Fractions are asserted to 0.01 percentage points.</summary>
    public const double FractionTolerance = 0.0001;
    public const double KwhTolerance = 1e-9;

    public static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    public static CounterSample S(DateTime t, double v, SampleQuality q = SampleQuality.Good, long rev = 0) => new(t, v, q, rev);

    /// <summary>Interval values given directly, all measured.</summary>
    public static IntervalValue[] M(params double[] values) => values.Select(IntervalValue.Measured).ToArray();

    public static void Near(double expected, double? actual, double tolerance = KwhTolerance)
    {
        Assert.NotNull(actual);
        Assert.InRange(actual!.Value, expected - tolerance, expected + tolerance);
    }

    public static TimeZoneInfo Paris => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
}
