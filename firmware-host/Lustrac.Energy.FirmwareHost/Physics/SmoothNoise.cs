namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// Seeded 1-D value noise: random values at integer knots, joined by a smoothstep, so the signal is continuous and
/// has a chosen time scale. A pure function of (seed, x): any instant can be evaluated in any order, which keeps the
/// whole site model deterministic without stepping state.
/// </summary>
public static class SmoothNoise
{
    /// <summary>Noise in [-1, 1] at <paramref name="x"/> (in units of the knot spacing).</summary>
    public static double At(ulong seed, double x)
    {
        var knot = Math.Floor(x);
        var f = x - knot;
        var k = (long)knot;
        var a = Knot(seed, k);
        var b = Knot(seed, k + 1);
        var s = f * f * (3 - 2 * f);
        return a + (b - a) * s;
    }

    /// <summary>Noise at time <paramref name="t"/> with knots every <paramref name="scale"/>.</summary>
    public static double At(ulong seed, DateTimeOffset t, TimeSpan scale) =>
        At(seed, (double)t.UtcTicks / scale.Ticks);

    private static double Knot(ulong seed, long k) => 2 * StableRandom.Unit(StableRandom.Combine(seed, (ulong)k)) - 1;
}
