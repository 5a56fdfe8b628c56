namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// Temperature inside a compost pile, °C, by depth. Each feeding starts a batch of microbial activity that builds up
/// over about a day and fades over weeks; the core temperature rises with total activity and saturates at ≈ 71 °C
/// (above that the thermophiles die back). So a fed pile passes ≈ 40 °C within 1–3 days, stays thermophilic
/// (55–71 °C) for days to weeks, falls below ≈ 38 °C after 1–2 months without food (DOMAIN.md's typical curve).
/// Turning lets heat out (a drop of ~10 °C) then feeds oxygen, and the pile reheats within a day or two.
/// Feedings (weekly, seeded weekday and size) and turnings (every 14 days) are seeded per pile.
/// </summary>
public sealed class CompostPileModel
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private readonly ulong _key;
    private readonly DateTimeOffset _epoch;
    private readonly double _feedDayOffsetDays;
    private readonly double _peakRise;

    private readonly DateTimeOffset? _startedAt;

    private readonly DateTimeOffset? _feedingStopsAt;

    /// <param name="startedAt">When the pile got its first food; null = a pile in use for a long time.</param>
    /// <param name="feedingStopsAt">When the pile is closed for curing and gets no more food; null = never.</param>
    public CompostPileModel(string pileId, ulong seed, DateTimeOffset? startedAt = null, DateTimeOffset? feedingStopsAt = null)
    {
        _feedingStopsAt = feedingStopsAt;
        _startedAt = startedAt;
        _key = StableRandom.Combine(seed, pileId);
        // Weeks count from a fixed Monday so the schedule does not depend on the simulation's start.
        _epoch = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _feedDayOffsetDays = Math.Floor(StableRandom.Between(StableRandom.Combine(_key, "feed-day"), 0, 7)) + 0.4; // ~10:00 UTC
        _peakRise = StableRandom.Between(StableRandom.Combine(_key, "vigour"), 38, 48);
        PileId = pileId;
    }

    public string PileId { get; }

    /// <summary>Outside air, °C: seasonal (13 °C mean, ±8 °C, warmest late July) and daily (±4 °C, warmest 15:00 UTC).</summary>
    public static double AmbientC(DateTimeOffset t) =>
        13 + 8 * Math.Cos(2 * Math.PI * (t.UtcDateTime.DayOfYear - 205) / 365.25) + 4 * Math.Cos(2 * Math.PI * (t.UtcDateTime.TimeOfDay.TotalHours - 15) / 24);

    /// <summary>Feeding instants in the 12 weeks up to <paramref name="t"/>, with batch size (0.5–1.5 of a typical week).</summary>
    public IEnumerable<(DateTimeOffset At, double Size)> FeedingsBefore(DateTimeOffset t)
    {
        if (_startedAt is { } first && first <= t) yield return (first, 1.0);
        var week = (long)Math.Floor((t - _epoch) / Week);
        for (var w = week - 12; w <= week; w++)
        {
            var at = _epoch + w * Week + TimeSpan.FromDays(_feedDayOffsetDays);
            // About one week in eight is skipped (holidays): the pile then cools.
            var draw = StableRandom.Unit(StableRandom.Combine(_key, (ulong)w));
            if (_startedAt is { } started && at <= started) continue;
            if (_feedingStopsAt is { } stopped && at >= stopped) continue;
            if (at <= t && draw >= 0.125) yield return (at, 0.5 + draw);
        }
    }

    /// <summary>The last turning at or before <paramref name="t"/> (every 14 days, on a seeded day).</summary>
    public DateTimeOffset LastTurning(DateTimeOffset t)
    {
        var period = TimeSpan.FromDays(14);
        var offset = TimeSpan.FromDays(StableRandom.Between(StableRandom.Combine(_key, "turn-day"), 0, 14));
        var n = Math.Floor((t - _epoch - offset) / period);
        return _epoch + offset + n * period;
    }

    /// <summary>Core (hottest, mid-depth) temperature, °C.</summary>
    public double CoreC(DateTimeOffset t)
    {
        var activity = 0.0;
        foreach (var (at, size) in FeedingsBefore(t))
        {
            var days = (t - at).TotalDays;
            activity += size * (1 - Math.Exp(-days / 0.9)) * Math.Exp(-days / 18);
        }
        var sinceTurning = (t - LastTurning(t)).TotalDays;
        var turningDip = 10 * Math.Exp(-sinceTurning / 0.4);          // heat let out
        var oxygenBoost = 1 + 0.15 * Math.Exp(-sinceTurning / 5);      // fresh air feeds the microbes
        var rise = _peakRise * Math.Tanh(1.1 * activity * oxygenBoost); // saturates: thermophiles die back above ~71 °C
        var ambient = AmbientC(t);
        return Math.Min(ambient + rise - turningDip, 71);
    }

    /// <summary>Temperature at a depth below the surface, m: near the surface it follows the air, the core is hottest, the base a bit cooler.</summary>
    public double TemperatureC(DateTimeOffset t, double depthM)
    {
        var ambient = AmbientC(t);
        var core = CoreC(t);
        var share = depthM switch
        {
            <= 0 => 0,
            < 0.5 => 0.35 + 1.3 * depthM,   // 0.1 m → 0.48, 0.3 m → 0.74
            <= 0.7 => 1,
            _ => Math.Max(0.6, 1 - (depthM - 0.7) * 0.8),
        };
        return ambient + Math.Min(share, 1) * (core - ambient);
    }
}
