using Lustrac.Energy.Autonomy.Rollups;

namespace Lustrac.Energy.Autonomy.Energy;

/// <summary>The step over which consumption and production are netted before taking the minimum.</summary>
public enum Netting { Interval, Hour, Day, Month, Year }

/// <summary>One interval's consumption and production (kWh), as the engine stored them.</summary>
public readonly record struct IntervalFlows(DateTime StartUtc, double Consumption, double Production);

/// <summary>Self-consumed energy, self-sufficiency and self-consumption of one history netted per one step length.</summary>
/// <param name="Steps">Steps of this length that hold at least one interval with figures.</param>
public sealed record NettingResult(Netting Netting, int Steps, double Consumption, double Production, double SelfConsumed)
{
    /// <summary>Σ per step min(ΣC, ΣP) / ΣC, in [0, 1]; null without consumption.</summary>
    public double? SelfSufficiency => Ratio.Clamped(SelfConsumed, Consumption);

    /// <summary>Σ per step min(ΣC, ΣP) / ΣP, in [0, 1]; null without production.</summary>
    public double? SelfConsumption => Ratio.Clamped(SelfConsumed, Production);
}

/// <summary>
/// The same history netted per canonical interval, hour, local day, month and year. Netting over a step sums the
/// step's consumption C and production P first and counts min(ΣC, ΣP) as self-consumed; per interval that is the
/// definition (DOMAIN.md, Luthander 2015). Because min(a + b, c + d) ≥ min(a, c) + min(b, d), a coarser step can only
/// count more: within it, the surplus of one interval (noon) pays for the deficit of another (evening), as if it were
/// stored for free. Consumption and production are the same at every netting; only the self-consumed part changes.
/// Without storage, min(C, P) per interval equals the engine's locally supplied energy, so the interval line is the
/// /api/autonomy figure.
/// </summary>
public static class GranularityComparison
{
    public static readonly Netting[] All = [Netting.Interval, Netting.Hour, Netting.Day, Netting.Month, Netting.Year];

    /// <summary>
    /// Why the coarse nettings overstate, in English and French, for the page and the handout.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> WhyCoarseOverstates = new Dictionary<string, string>
    {
        ["en"] = "Netting over a longer step lets the surplus of one moment pay for the consumption of another, as if the " +
                 "energy had been stored for free: noon's sun is counted against the evening's cooking, summer's against winter's " +
                 "heating. Since a minimum of sums is never less than the sum of the minimums, hourly, daily, monthly and yearly " +
                 "netting can only raise the self-consumed energy, and with it both ratios; only the per-interval figure says what " +
                 "was covered when it was consumed.",
        ["fr"] = "Compenser sur un pas plus long laisse le surplus d'un moment payer la consommation d'un autre, comme si " +
                 "l'énergie avait été stockée gratuitement : le soleil de midi est compté contre la cuisine du soir, l'été contre " +
                 "le chauffage de l'hiver. Le minimum d'une somme n'étant jamais inférieur à la somme des minimums, la compensation " +
                 "par heure, jour, mois ou année ne peut qu'augmenter l'énergie autoconsommée, et avec elle les deux taux ; seul le " +
                 "calcul par intervalle dit ce qui était couvert au moment où l'on consommait.",
    };

    /// <summary>Nets <paramref name="intervals"/> (those with figures; any order) per each step length, days, months and years cut in <paramref name="zone"/>.</summary>
    public static IReadOnlyList<NettingResult> Compare(IReadOnlyList<IntervalFlows> intervals, TimeZoneInfo zone)
    {
        var ordered = intervals.OrderBy(i => i.StartUtc).ToArray();
        return All.Select(n => Net(ordered, n, zone)).ToList();
    }

    /// <summary>
    /// One netting from the summed consumption and production of each of its steps (e.g. a store's sums per hour or
    /// per day); a step without figures is left out.
    /// </summary>
    public static NettingResult FromSteps(Netting netting, IEnumerable<(double Consumption, double Production)?> steps)
    {
        double consumption = 0, production = 0, selfConsumed = 0;
        int count = 0;
        foreach (var step in steps)
        {
            if (step is not var (c, p)) continue;
            consumption += c;
            production += p;
            selfConsumed += Math.Min(c, p);
            count++;
        }
        return new NettingResult(netting, count, consumption, production, selfConsumed);
    }

    /// <summary>One netting over intervals sorted by start.</summary>
    public static NettingResult Net(IReadOnlyList<IntervalFlows> ordered, Netting netting, TimeZoneInfo zone)
    {
        double consumption = 0, production = 0, selfConsumed = 0, stepC = 0, stepP = 0;
        int steps = 0;
        DateTime? stepEnd = null;
        foreach (var interval in ordered)
        {
            consumption += interval.Consumption;
            production += interval.Production;
            if (netting == Netting.Interval || stepEnd is null || interval.StartUtc >= stepEnd)
            {
                // A new step: the previous one is netted as a whole.
                if (stepEnd is not null) selfConsumed += Math.Min(stepC, stepP);
                (stepC, stepP) = (0, 0);
                stepEnd = StepEnd(interval.StartUtc, netting, zone);
                steps++;
            }
            stepC += interval.Consumption;
            stepP += interval.Production;
        }
        if (stepEnd is not null) selfConsumed += Math.Min(stepC, stepP);
        return new NettingResult(netting, steps, consumption, production, selfConsumed);
    }

    /// <summary>The end of the step containing <paramref name="utc"/>: the next local hour, local midnight, month or year.</summary>
    private static DateTime StepEnd(DateTime utc, Netting netting, TimeZoneInfo zone) => netting switch
    {
        Netting.Interval => utc, // every interval is its own step
        Netting.Hour => utc - PastTheLocalHour(utc, zone) + TimeSpan.FromHours(1),
        Netting.Day => LocalCalendar.Boundaries(utc, utc, LocalCalendar.Period.Day, zone)[1],
        Netting.Month => LocalCalendar.Boundaries(utc, utc, LocalCalendar.Period.Month, zone)[1],
        _ => LocalCalendar.Boundaries(utc, utc, LocalCalendar.Period.Year, zone)[1],
    };

    /// <summary>Time since the start of the local hour (a zone half an hour off UTC starts its hours at :30 UTC).</summary>
    private static TimeSpan PastTheLocalHour(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return new TimeSpan(0, local.Minute, local.Second) + TimeSpan.FromTicks(local.Ticks % TimeSpan.TicksPerSecond);
    }
}
