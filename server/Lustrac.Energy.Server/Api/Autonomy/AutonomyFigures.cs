using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary>What the figure endpoints read from the stores for a validated request: period sums, counter events, progress, compost assessments.</summary>
public static class AutonomyFigures
{
    /// <summary>The household (through <see cref="HouseholdAccess.Resolve"/>) and the time query of a request, or why it is refused.</summary>
    public static (RequestedScope? Scope, AutonomyQuery? Query, BadRequest<ApiError>? Error) Validate(HttpContext http, SitePlan plan, TimeProvider clock, string? household)
    {
        var (scope, error) = HouseholdAccess.Resolve(http, plan, household);
        if (error is not null) return (null, null, error);
        var (query, queryError) = AutonomyQuery.Parse(http.Request, plan, clock.GetUtcNow().UtcDateTime);
        return (scope, query, queryError);
    }

    public sealed record EnergyPeriods(IReadOnlyList<Rollup<EnergyParts>> Periods, Rollup<EnergyParts> Total);

    /// <summary>The periods of the query summed by the store from its day rows (intervals at interval resolution), and their total.</summary>
    public static async Task<EnergyPeriods> EnergyPeriodsAsync(IAutonomyStore store, SitePlan plan, RequestedScope scope, AutonomyQuery query, CancellationToken ct)
    {
        var periods = await EnergyDays.PeriodsAsync(store, plan, scope.Household, query.Boundaries, ct);
        return new EnergyPeriods(periods, EnergySums.Combine(periods, query.FromUtc, query.ToUtc));
    }

    /// <summary>
    /// The counter events behind the range's missing intervals: a household's own devices, or for the neighbourhood
    /// every device whose figures it is made of (under the dynamic keys one meter's event leaves every share unknown).
    /// </summary>
    public static async Task<List<CounterEventRow>> EventsAsync(IAutonomyStore store, SitePlan plan, RequestedScope scope, AutonomyQuery query, CancellationToken ct)
    {
        var rows = await store.ReadCounterEventsAsync(query.FromUtc, query.ToUtc, ct);
        var own = scope.Household is string id && plan.FindHousehold(id) is { } h
            ? h.Meters.Concat(h.OwnPv).Concat(h.Batteries).Concat(h.WaterMains).Concat(h.WaterRain).ToHashSet(StringComparer.Ordinal)
            : null;
        return CounterEvents.Distinct(own is null ? rows : rows.Where(r => own.Contains(r.Device))).ToList();
    }

    /// <summary>Self-sufficiency against the target for the local day and month containing the reference time, and the 12 months before it.</summary>
    public static async Task<ProgressJson<EnergyProgressJson>> ProgressAsync(IAutonomyStore store, SitePlan plan, RequestedScope scope, DateTime referenceUtc, CancellationToken ct)
    {
        var at = referenceUtc.AddTicks(-1);
        var day = LocalCalendar.Boundaries(at, referenceUtc, LocalCalendar.Period.Day, plan.Zone);
        var month = LocalCalendar.Boundaries(at, referenceUtc, LocalCalendar.Period.Month, plan.Zone);
        var localRef = TimeZoneInfo.ConvertTimeFromUtc(day[1], plan.Zone);
        var yearAgo = LocalCalendar.StartUtc(DateOnly.FromDateTime(localRef).AddMonths(-12), plan.Zone);
        // One store query: [12 months ago, month start), [month start, day start), [day start, day end); on the 1st the middle one is empty.
        var boundaries = new[] { yearAgo, month[0], day[0], day[1] }.Distinct().ToList();
        var periods = await EnergyDays.PeriodsAsync(store, plan, scope.Household, boundaries, ct);
        double target = plan.Targets.EnergySelfSufficiency;
        return new ProgressJson<EnergyProgressJson>(
            EnergyProgressJson.Of(periods[^1], target),
            EnergyProgressJson.Of(EnergySums.Combine(periods.Where(p => p.StartUtc >= month[0]).ToList(), month[0], day[1]), target),
            EnergyProgressJson.Of(EnergySums.Combine(periods, yearAgo, day[1]), target));
    }

    /// <summary>
    /// A tank's latest state (last row of the day before <c>to</c>) and its harvest over the query: harvested litres,
    /// expected litres (roof × rain gauge × runoff) and their ratio over the intervals where both are known.
    /// </summary>
    public static TankJson Tank(TankPlan tank, List<TankStateRow> rows, AutonomyQuery query)
    {
        var latest = rows.LastOrDefault(r => r.StartUtc >= query.ToUtc - TimeSpan.FromDays(1));
        var inRange = rows.Where(r => r.StartUtc >= query.FromUtc).ToList();
        var withExpectation = inRange.Where(r => r.ExpectedL is not null).ToList();
        double expected = withExpectation.Sum(r => r.ExpectedL!.Value);
        return new TankJson(tank.Id, latest is null ? null : AutonomyQuery.Format(latest.StartUtc), latest?.VolumeL, latest?.DaysLeft,
            inRange.Count > 0 ? inRange.Sum(r => r.HarvestedL) : null, withExpectation.Count > 0 ? expected : null,
            RainHarvest.HarvestEfficiency(withExpectation.Sum(r => r.HarvestedL), expected));
    }

    /// <summary>A pile's sanitisation over [from, to) from its probes' temperature readings and its recorded turnings.</summary>
    public static async Task<SanitisationAssessment> AssessAsync(IReadingStore readings, ITurningStore turnings, CompostPlan pile, DateTime from, DateTime to, CancellationToken ct)
    {
        var all = await readings.ReadQuantityAsync(QuantityNames.Temperature, from, to, ct);
        var probes = pile.Probes.SelectMany(p => all.TryGetValue(p, out var list)
            ? list.Select(r => new ProbeReading(SiteReadings.ToUtc(r.TimeMs), p, r.Value)) : []);
        var turned = (await turnings.ReadTurningsAsync(pile.Id, from, to, ct)).Select(t => t.TimeUtc);
        return SanitisationAssessor.Assess(pile.Id, probes, pile.Rule, turned, expectedProbes: pile.Probes, asOfUtc: to);
    }

    public static string KeyName(Lustrac.Energy.Autonomy.Allocation.AllocationKey key) => key switch
    {
        Lustrac.Energy.Autonomy.Allocation.AllocationKey.Static => "static",
        Lustrac.Energy.Autonomy.Allocation.AllocationKey.EqualShare => "equal_share",
        _ => "default_dynamic",
    };
}
