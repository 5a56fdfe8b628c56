using System.Collections.Concurrent;

namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// The deterministic daily and seasonal load shape (arbitrary units) in a site's local time, and its annual mean,
/// computed once per time zone so <see cref="HouseholdLoadModel"/> can scale it to kWh.
/// </summary>
internal sealed class LoadShape
{
    private static readonly ConcurrentDictionary<string, LoadShape> Cache = new();
    private readonly TimeZoneInfo _zone;

    private LoadShape(TimeZoneInfo zone)
    {
        _zone = zone;
        AnnualMean = ComputeAnnualMean();
    }

    public double AnnualMean { get; }

    public static LoadShape For(TimeZoneInfo zone) => Cache.GetOrAdd(zone.Id, _ => new LoadShape(zone));

    public double At(DateTimeOffset t, double shiftHours)
    {
        var local = t.ToOffset(_zone.GetUtcOffset(t));
        var hour = local.TimeOfDay.TotalHours - shiftHours;
        var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return Daily(hour, weekend) * Seasonal(local.DayOfYear);
    }

    /// <summary>Winter uses more (lighting, some electric heating): ×1.45 mid-January, ×0.55 mid-July.</summary>
    private static double Seasonal(int dayOfYear) => 1 + 0.45 * Math.Cos(2 * Math.PI * (dayOfYear - 15) / 365.25);

    private static double Daily(double hour, bool weekend)
    {
        const double baseLoad = 0.12;
        return weekend
            ? baseLoad + 0.45 * Peak(hour, 9.0, 1.2) + 0.45 * Peak(hour, 12.75, 1.2) + 0.20 * Peak(hour, 16, 2) + 1.0 * Peak(hour, 19.5, 1.6)
            : baseLoad + 0.55 * Peak(hour, 7.25, 0.9) + 0.12 * Peak(hour, 12.75, 1.2) + 1.0 * Peak(hour, 19.5, 1.6);
    }

    /// <summary>A Gaussian bump on the 24-hour circle, so a peak near midnight wraps correctly.</summary>
    private static double Peak(double hour, double centre, double width)
    {
        var d = Math.Abs(hour - centre) % 24;
        if (d > 12) d = 24 - d;
        return Math.Exp(-d * d / (2 * width * width));
    }

    private double ComputeAnnualMean()
    {
        // A non-leap reference year sampled every 10 minutes: the weekday/weekend mix and the seasons both average out.
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromMinutes(10);
        var sum = 0.0;
        var n = 0;
        for (var t = start; t < start.AddYears(1); t += step, n++) sum += At(t, 0);
        return sum / n;
    }
}
