namespace Lustrac.Energy.Autonomy.Intervals;

/// <summary>How counters are turned into interval values.</summary>
public sealed record IntervalOptions
{
    /// <summary>
    /// Longest span between the two readings that bracket a boundary for the boundary to count as Measured.
    /// Null means one interval length: with a gateway polling every few seconds or minutes, a longer span means
    /// messages were lost and the boundary value is a linear guess.
    /// </summary>
    public TimeSpan? MaxGap { get; init; }

    /// <summary>
    /// Decreases no larger than this (in counter units) are treated as jitter: the value is held, no event.
    /// Default 0: any decrease is an event (meters are monotonic; float32 round-trips are exact).
    /// </summary>
    public double DecreaseTolerance { get; init; }

    /// <summary>
    /// Optional physical ceiling (counter units per hour, e.g. 15 kWh/h for a 60 A single-phase supply).
    /// An increase faster than this is treated like a decrease — a discontinuity (e.g. a replacement meter that
    /// starts higher than the old one) — instead of a spike. Null disables the check.
    /// </summary>
    public double? MaxRatePerHour { get; init; }

    /// <summary>
    /// Longest span between the two readings around a boundary that may still be bridged by interpolation. Beyond it
    /// the boundary is Missing and a <see cref="CounterEventKind.GapTooLong"/> event says why: a straight line across
    /// a longer silence would spread the energy evenly over hours of a day-and-night load. Null: no limit.
    /// </summary>
    public TimeSpan? MaxInterpolationGap { get; init; }

    /// <summary>
    /// Longest span between two <c>active_power</c> readings that may still be integrated when a counter is unusable
    /// (<see cref="PowerEstimate"/>). Power varies much faster than a counter, so this is minutes, not hours.
    /// Null: <see cref="PowerEstimate.DefaultMaxReadingGap"/>.
    /// </summary>
    public TimeSpan? MaxPowerReadingGap { get; init; }

    public static IntervalOptions Default { get; } = new();

    public TimeSpan EffectiveMaxGap(IntervalGrid grid) => MaxGap ?? grid.Length;
}
