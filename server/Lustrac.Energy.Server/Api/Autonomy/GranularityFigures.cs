using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary>
/// One history netted per interval, hour, day, month and year (<see cref="GranularityComparison"/>), from the sums of
/// the figures the engine stored: the same consumption, production and per-interval self-sufficiency as /api/autonomy.
/// </summary>
public static class GranularityFigures
{
    /// <summary>A year and a leap day, plus a margin for a range that does not start at midnight.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    /// <summary>The comparison of one scope over a range, with what the figures rest on.</summary>
    public sealed record Comparison(RequestedScope Scope, DateTime FromUtc, DateTime ToUtc, int Expected, int Present,
        IReadOnlyList<NettingResult> Nettings)
    {
        public double Coverage => Expected > 0 ? (double)Present / Expected : 0;
    }

    /// <summary>Validates the request (household, from, to; whole local days) and nets the stored intervals of its range.</summary>
    public static async Task<(Comparison? Result, BadRequest<ApiError>? Error)> CompareAsync(HttpContext http, SitePlan plan, IAutonomyStore store,
        TimeProvider clock, string? household, CancellationToken ct)
    {
        var (scope, error) = HouseholdAccess.Resolve(http, plan, household);
        if (error is not null) return (null, error);
        // Every netting is shown at once, over whole local days: a resolution would mean nothing here.
        if (http.Request.Query.ContainsKey("resolution"))
            return (null, ApiErrors.BadRequest("resolution: not used by /api/autonomy/granularity, which compares every netting over whole days; give from and to only"));
        var (query, queryError) = AutonomyQuery.Parse(http.Request, plan, clock.GetUtcNow().UtcDateTime, MaxRange);
        if (queryError is not null) return (null, queryError);
        return (await FromStoreAsync(store, plan, scope!, query!.FromUtc, query.ToUtc, ct), null);
    }

    /// <summary>
    /// The comparison of whole local days [fromUtc, toUtc) from the store's sums, so a year reads 366 day rows and 8,784
    /// hourly sums instead of 35,040 interval rows: per interval, the engine's own figure (Σ locally supplied, which is
    /// Σ min(consumption, production) of the intervals when there is no battery); per hour, the store's hourly sums of
    /// the intervals; per day, month and year, the <c>energy_day</c> rows. Intervals without figures are in no sum.
    /// </summary>
    public static async Task<Comparison> FromStoreAsync(IAutonomyStore store, SitePlan plan, RequestedScope scope, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var selection = ScopeSelection.One(scope.Household);
        var key = scope.Household ?? EnergySums.Neighbourhood;
        var days = LocalCalendar.Boundaries(fromUtc, toUtc, LocalCalendar.Period.Day, plan.Zone);
        var hours = Enumerable.Range(0, (int)((toUtc - fromUtc).Ticks / TimeSpan.TicksPerHour) + 1).Select(h => fromUtc.AddHours(h)).ToList();
        var daySums = (await store.SumEnergyDaysAsync(selection, days, ct)).GetValueOrDefault(key) ?? new EnergyPeriodSum?[days.Count - 1];
        var hourSums = (await store.SumEnergyAsync(selection, hours, ct)).GetValueOrDefault(key) ?? new EnergyPeriodSum?[hours.Count - 1];

        static (double, double)? Flows(EnergyPeriodSum? s) => s is { Defined: > 0 } d ? (d.Sum.Consumption, d.Sum.Production) : null;
        var whole = daySums.Where(d => d is { Defined: > 0 }).Aggregate(default(EnergyPeriodSum), (a, d) => a + d!.Value);
        int LocalMonth(int day) { var local = TimeZoneInfo.ConvertTimeFromUtc(days[day], plan.Zone); return local.Year * 12 + local.Month; }
        int LocalYear(int day) => TimeZoneInfo.ConvertTimeFromUtc(days[day], plan.Zone).Year;
        (double, double)? Group(IEnumerable<EnergyPeriodSum?> g) =>
            Flows(g.Where(d => d is { Defined: > 0 }).Aggregate((EnergyPeriodSum?)null, (a, d) => (a ?? default) + d!.Value));
        var indexed = daySums.Select((sum, day) => (sum, day)).ToList();
        var nettings = new List<NettingResult>
        {
            new(Netting.Interval, whole.Defined, whole.Sum.Consumption, whole.Sum.Production, whole.Sum.LocallySupplied),
            GranularityComparison.FromSteps(Netting.Hour, hourSums.Select(Flows)),
            GranularityComparison.FromSteps(Netting.Day, daySums.Select(Flows)),
            GranularityComparison.FromSteps(Netting.Month, indexed.GroupBy(x => LocalMonth(x.day)).Select(g => Group(g.Select(x => x.sum)))),
            GranularityComparison.FromSteps(Netting.Year, indexed.GroupBy(x => LocalYear(x.day)).Select(g => Group(g.Select(x => x.sum)))),
        };
        var expected = (int)((toUtc - fromUtc).Ticks / plan.IntervalLength.Ticks);
        return new Comparison(scope, fromUtc, toUtc, expected, whole.Defined, nettings);
    }

    public static string Name(Netting n) => n.ToString().ToLowerInvariant();
}
