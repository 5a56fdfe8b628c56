namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// A household's water use in litres per hour: ≈ 146 L per person per day (DOMAIN.md), drawn mostly at the morning
/// shower and in the evening, a little all day (WC, kitchen), later at weekends, ~15 % more in summer (garden).
/// The rainwater share is what French rules allow indoors (WC 20 % of use) — see <see cref="RainwaterShare"/>.
/// </summary>
public sealed class WaterUseModel
{
    public const double LitresPerPersonPerDay = 146;

    /// <summary>WC flushing, 20 % of domestic use (DOMAIN.md), is what a rainwater tank supplies indoors.</summary>
    public const double RainwaterShare = 0.20;

    private readonly TimeZoneInfo _zone;
    private readonly double _litresPerDay;
    private readonly ulong _noiseSeed;
    private static readonly double WeekdayMean = MeanOfDay(weekend: false);
    private static readonly double WeekendMean = MeanOfDay(weekend: true);

    public WaterUseModel(string householdId, int occupants, TimeZoneInfo zone, ulong seed)
    {
        _zone = zone;
        var key = StableRandom.Combine(seed, "water/" + householdId);
        _litresPerDay = LitresPerPersonPerDay * Math.Max(occupants, 1) * StableRandom.Between(StableRandom.Combine(key, "habits"), 0.85, 1.15);
        _noiseSeed = StableRandom.Combine(key, "noise");
    }

    public double FlowLitresPerHour(DateTimeOffset t)
    {
        var local = t.ToOffset(_zone.GetUtcOffset(t));
        var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var season = 1 + 0.15 * Math.Cos(2 * Math.PI * (local.DayOfYear - 200) / 365.25);
        var shape = Shape(local.TimeOfDay.TotalHours, weekend) / (weekend ? WeekendMean : WeekdayMean);
        var noise = 1 + 0.4 * SmoothNoise.At(_noiseSeed, t, TimeSpan.FromMinutes(4));
        return _litresPerDay / 24 * season * shape * noise;
    }

    private static double Shape(double hour, bool weekend)
    {
        static double Bump(double h, double centre, double width) => Math.Exp(-(h - centre) * (h - centre) / (2 * width * width));
        var night = hour is < 6 or > 23 ? 0.05 : 0.3;
        return weekend
            ? night + 2.2 * Bump(hour, 9, 1.2) + 0.8 * Bump(hour, 13, 1.5) + 1.6 * Bump(hour, 20, 1.5)
            : night + 2.8 * Bump(hour, 7, 0.8) + 0.5 * Bump(hour, 12.5, 1.2) + 1.6 * Bump(hour, 20, 1.5);
    }

    private static double MeanOfDay(bool weekend) => Enumerable.Range(0, 24 * 12).Average(i => Shape(i / 12.0, weekend));
}
