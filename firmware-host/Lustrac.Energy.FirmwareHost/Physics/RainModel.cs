using System.Collections.Concurrent;

namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// Rain at the site: each day is wet with probability 107/365 (a little more in winter, less in summer); a wet day's
/// total is exponential with mean 712/107 ≈ 6.7 mm, falling evenly over a seeded 2–9 h spell. So a year has ≈ 107
/// rain days and ≈ 712 mm, the Agen figures of DOMAIN.md. Days are drawn from (seed, date): any instant in any order.
/// </summary>
public sealed class RainModel(ulong seed)
{
    public const double AnnualMm = 712, RainDaysPerYear = 107;
    private readonly ulong _seed = StableRandom.Combine(seed, "rain");
    private readonly ConcurrentDictionary<DateOnly, RainSpell> _days = new();

    /// <summary>A day's rain: its total (mm) falling evenly from <see cref="Start"/> for <see cref="Duration"/>.</summary>
    public readonly record struct RainSpell(DateTimeOffset Start, TimeSpan Duration, double TotalMm);

    public RainSpell Day(DateOnly day) => _days.GetOrAdd(day, Draw);

    private RainSpell Draw(DateOnly day)
    {
        var key = StableRandom.Combine(_seed, (ulong)day.DayNumber);
        var probability = RainDaysPerYear / 365 * (1 + 0.25 * Math.Cos(2 * Math.PI * (day.DayOfYear - 15) / 365.25));
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            .AddHours(StableRandom.Between(StableRandom.Combine(key, 1UL), 0, 15));
        var duration = TimeSpan.FromHours(StableRandom.Between(StableRandom.Combine(key, 2UL), 2, 9));
        if (StableRandom.Unit(StableRandom.Combine(key, 3UL)) >= probability) return new RainSpell(start, duration, 0);
        var total = -Math.Log(1 - StableRandom.Unit(StableRandom.Combine(key, 4UL))) * AnnualMm / RainDaysPerYear;
        return new RainSpell(start, duration, total);
    }

    /// <summary>Rain intensity at <paramref name="t"/>, mm/h.</summary>
    public double IntensityMmPerHour(DateTimeOffset t)
    {
        var spell = Day(DateOnly.FromDateTime(t.UtcDateTime));
        return t >= spell.Start && t < spell.Start + spell.Duration ? spell.TotalMm / spell.Duration.TotalHours : 0;
    }

    /// <summary>Rain fallen in [<paramref name="from"/>, <paramref name="to"/>), mm.</summary>
    public double FallenMm(DateTimeOffset from, DateTimeOffset to)
    {
        var total = 0.0;
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(to.UtcDateTime); day = day.AddDays(1))
        {
            var spell = Day(day);
            if (spell.TotalMm == 0) continue;
            var a = spell.Start < from ? from : spell.Start;
            var b = spell.Start + spell.Duration > to ? to : spell.Start + spell.Duration;
            if (b > a) total += spell.TotalMm * (b - a) / spell.Duration;
        }
        return total;
    }
}
