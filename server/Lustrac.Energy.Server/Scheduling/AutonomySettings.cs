using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;

namespace Lustrac.Energy.Server.Scheduling;

/// <summary>Bound from the "Autonomy" configuration section.</summary>
public sealed class AutonomySettings
{
    /// <summary>An interval is closed this long after its end, so messages a few seconds late are in it the first time.</summary>
    public int GraceSeconds { get; set; } = 120;

    /// <summary>On a first start (no figures stored yet), how far back to compute from readings already stored.</summary>
    public int BackfillDays { get; set; } = 7;

    public const double DefaultMaxInterpolationGapHours = 6;

    /// <summary>
    /// A counter silent for longer than this is not interpolated across: the intervals of the silence are Missing
    /// (or estimated from power), with a "gap too long" event. Six hours bridges a night or a morning offline (router,
    /// power cut on the gateway, bus fault until someone comes) while keeping a straight line from spreading one
    /// part of the day's load over another (the shared PV is allocated interval by interval). See the README.
    /// </summary>
    public double MaxInterpolationGapHours { get; set; } = DefaultMaxInterpolationGapHours;

    public static IntervalOptions CounterOptions(double maxInterpolationGapHours) =>
        new() { MaxInterpolationGap = TimeSpan.FromHours(maxInterpolationGapHours) };
}
