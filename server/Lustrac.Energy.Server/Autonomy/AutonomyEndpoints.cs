using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Export;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Autonomy;

/// <summary>
/// /api/autonomy, /api/autonomy.csv, /api/autonomy/compare, /api/water, /api/compost and the compost register; the
/// turnings (<see cref="TurningEndpoints"/>) and the vital-needs index (<see cref="VitalNeedsEndpoints"/>) are mapped here too.
/// Figures come from the stored interval rows (the ones Grafana plots), summed per period by the store; compare and compost are
/// computed from readings. Every household parameter goes through <see cref="HouseholdAccess.Resolve"/>.
/// </summary>
public static class AutonomyEndpoints
{
    /// <summary>Comparing keys recomputes from raw readings, so it serves shorter ranges.</summary>
    private static readonly TimeSpan CompareMaxRange = TimeSpan.FromDays(31);

    public static void MapAutonomyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/autonomy", async (HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, string? household, CancellationToken ct) =>
        {
            var (scope, query, error) = Validate(http, plan, clock, household);
            if (error is not null) return error;
            var periods = await EnergyPeriodsAsync(store, plan, scope!, query!, ct);
            var reference = Min(query!.ToUtc, clock.GetUtcNow().UtcDateTime);
            return Results.Ok(new
            {
                site = plan.SiteId,
                scope = scope!.Name,
                household = scope.Household,
                resolution = query.Resolution.ToString().ToLowerInvariant(),
                from = AutonomyQuery.Format(query.FromUtc),
                to = AutonomyQuery.Format(query.ToUtc),
                target = plan.Targets.EnergySelfSufficiency,
                periods = periods.Periods.Select(AutonomyJson.Energy),
                total = AutonomyJson.Energy(periods.Total),
                progress = await ProgressAsync(store, plan, scope, reference, ct),
                counter_events = (await EventsAsync(store, plan, scope, query, ct)).Select(CounterEvents.Json),
            });
        });

        app.MapGet("/api/autonomy.csv", async (HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, string? household, CancellationToken ct) =>
        {
            var (scope, query, error) = Validate(http, plan, clock, household);
            if (error is not null) return error;
            var periods = await EnergyPeriodsAsync(store, plan, scope!, query!, ct);
            var events = await EventsAsync(store, plan, scope!, query!, ct);
            return Results.Text(EnergyCsv(periods.Periods, events), "text/csv; charset=utf-8");
        });

        app.MapGet("/api/autonomy/compare", async (HttpContext http, SitePlan plan, SiteModel site, IReadingStore readings, TimeProvider clock, string? household, CancellationToken ct) =>
        {
            var (scope, error) = HouseholdAccess.Resolve(http, plan, household);
            if (error is not null) return error;
            var (query, queryError) = AutonomyQuery.Parse(http.Request, plan, clock.GetUtcNow().UtcDateTime, CompareMaxRange);
            if (queryError is not null) return queryError;
            var grid = IntervalGrid.Covering(query!.FromUtc, query.ToUtc, plan.IntervalMinutes);
            var loaded = await SiteReadingLoader.LoadAsync(readings, plan, grid.StartUtc, grid.EndUtc, ct);
            var staticRule = site.Allocation.StaticShares.Count > 0
                ? SitePlan.RuleFor(site.Allocation with { Key = Protocol.Site.AllocationKey.Static }, plan.Households) : null;
            var results = AutonomyComputation.CompareKeys(plan, loaded, grid, staticRule);
            int h = scope!.Household is null ? -1 : plan.Households.ToList().FindIndex(x => x.Id == scope.Household);
            return Results.Ok(new
            {
                site = plan.SiteId,
                scope = scope.Name,
                household = scope.Household,
                site_key = KeyName(plan.Allocation.Key),
                from = AutonomyQuery.Format(query.FromUtc),
                to = AutonomyQuery.Format(query.ToUtc),
                keys = results.ToDictionary(r => KeyName(r.Key), r =>
                {
                    var records = h < 0 ? r.Value.Neighbourhood : r.Value.Households[h];
                    var periods = Rollup.ByPeriods<EnergyParts>(records, query.Boundaries, plan.IntervalLength);
                    return new
                    {
                        periods = periods.Select(AutonomyJson.Energy),
                        total = AutonomyJson.Energy(Rollup.Range<EnergyParts>(records, query.FromUtc, query.ToUtc, plan.IntervalLength)),
                    };
                }),
            });
        });

        app.MapGet("/api/water", async (HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, string? household, CancellationToken ct) =>
        {
            var (scope, query, error) = Validate(http, plan, clock, household);
            if (error is not null) return error;
            var rows = (await store.ReadWaterAsync(scope!.Household, query!.FromUtc, query.ToUtc, ct)).Select(r => r.ToRecord()).ToArray();
            var tanks = await store.ReadTanksAsync(query.FromUtc < query.ToUtc - TimeSpan.FromDays(1) ? query.FromUtc : query.ToUtc - TimeSpan.FromDays(1), query.ToUtc, ct);
            return Results.Ok(new
            {
                site = plan.SiteId,
                scope = scope.Name,
                household = scope.Household,
                resolution = query.Resolution.ToString().ToLowerInvariant(),
                from = AutonomyQuery.Format(query.FromUtc),
                to = AutonomyQuery.Format(query.ToUtc),
                target = plan.Targets.WaterAutonomy,
                periods = Rollup.ByPeriods<WaterParts>(rows, query.Boundaries, plan.IntervalLength).Select(AutonomyJson.Water),
                total = AutonomyJson.Water(Rollup.Range<WaterParts>(rows, query.FromUtc, query.ToUtc, plan.IntervalLength)),
                tanks = plan.Tanks.Select(t => TankJson(t, tanks.Where(r => r.Asset == t.Id).ToList(), query)),
            });
        });

        app.MapGet("/api/compost", async (SitePlan plan, IReadingStore readings, ITurningStore turnings, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var piles = new List<object>();
            foreach (var pile in plan.Piles)
            {
                var a = await AssessAsync(readings, turnings, pile, now - pile.Rule.Duration - TimeSpan.FromDays(1), now, ct);
                var last = a.Register.Count > 0 ? a.Register[^1] : null;
                piles.Add(new
                {
                    pile = pile.Id,
                    rule = pile.Rule.Id,
                    rule_source = pile.Rule.Source,
                    threshold_c = pile.Rule.ThresholdC,
                    duration_hours = pile.Rule.Duration.TotalHours,
                    turnings_required = pile.Rule.MinTurnings,
                    status = WireNames.Of(a.Status),
                    progress = CompostProgress.Of(a),
                    hot_time_progress = CompostProgress.HotTime(a),
                    current_run_hours = a.CurrentRun?.Duration.TotalHours,
                    turnings_in_run = a.CurrentRun?.Turnings,
                    achieved_at = a.AchievedAtUtc is DateTime t ? AutonomyQuery.Format(t) : null,
                    coolest_c = last?.CoolestC,
                    coolest_probe = last?.CoolestProbeId,
                    probes_reporting = last?.ProbesReporting ?? 0,
                    probes_expected = pile.Probes.Length,
                    last_reading = last is null ? null : AutonomyQuery.Format(last.TimeUtc),
                });
            }
            return Results.Ok(new { site = plan.SiteId, generated_at = AutonomyQuery.Format(now), piles });
        });

        app.MapGet("/api/compost/{pile}/register.csv", async (HttpContext http, string pile, SitePlan plan, IReadingStore readings, ITurningStore turnings, TimeProvider clock, CancellationToken ct) =>
        {
            var plan_ = plan.Piles.FirstOrDefault(p => p.Id == pile);
            if (plan_ is null) return TurningEndpoints.UnknownPile(plan, pile);
            var (query, error) = AutonomyQuery.Parse(http.Request, plan, clock.GetUtcNow().UtcDateTime, TimeSpan.FromDays(400));
            if (error is not null) return error;
            var a = await AssessAsync(readings, turnings, plan_, query!.FromUtc, query.ToUtc, ct);
            return Results.Text(CsvRegisters.CompostTemperatures(a.Register), "text/csv; charset=utf-8");
        });

        app.MapTurningEndpoints();
        app.MapVitalNeedsEndpoints();
        app.MapGranularityEndpoints();
    }

    /// <summary>
    /// A tank's latest state (last row of the day before <c>to</c>) and its harvest over the query: harvested litres,
    /// expected litres (roof × rain gauge × runoff) and their ratio over the intervals where both are known.
    /// </summary>
    private static object TankJson(TankPlan tank, List<TankStateRow> rows, AutonomyQuery query)
    {
        var latest = rows.LastOrDefault(r => r.StartUtc >= query.ToUtc - TimeSpan.FromDays(1));
        var inRange = rows.Where(r => r.StartUtc >= query.FromUtc).ToList();
        var withExpectation = inRange.Where(r => r.ExpectedL is not null).ToList();
        double expected = withExpectation.Sum(r => r.ExpectedL!.Value);
        return new
        {
            tank = tank.Id,
            time = latest is null ? null : AutonomyQuery.Format(latest.StartUtc),
            volume_l = latest?.VolumeL,
            days_left = latest?.DaysLeft,
            harvested_l = inRange.Count > 0 ? inRange.Sum(r => r.HarvestedL) : (double?)null,
            expected_l = withExpectation.Count > 0 ? expected : (double?)null,
            harvest_efficiency = RainHarvest.HarvestEfficiency(withExpectation.Sum(r => r.HarvestedL), expected),
        };
    }

    private static (RequestedScope? Scope, AutonomyQuery? Query, IResult? Error) Validate(HttpContext http, SitePlan plan, TimeProvider clock, string? household)
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
    private static async Task<object> ProgressAsync(IAutonomyStore store, SitePlan plan, RequestedScope scope, DateTime referenceUtc, CancellationToken ct)
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
        return new
        {
            day = AutonomyJson.Progress(periods[^1], target),
            month = AutonomyJson.Progress(EnergySums.Combine(periods.Where(p => p.StartUtc >= month[0]).ToList(), month[0], day[1]), target),
            rolling_12_months = AutonomyJson.Progress(EnergySums.Combine(periods, yearAgo, day[1]), target),
        };
    }

    private static async Task<SanitisationAssessment> AssessAsync(IReadingStore readings, ITurningStore turnings, CompostPlan pile, DateTime from, DateTime to, CancellationToken ct)
    {
        var all = await readings.ReadQuantityAsync(QuantityNames.Temperature, from, to, ct);
        var probes = pile.Probes.SelectMany(p => all.TryGetValue(p, out var list)
            ? list.Select(r => new ProbeReading(SiteReadings.ToUtc(r.TimeMs), p, r.Value)) : []);
        var turned = (await turnings.ReadTurningsAsync(pile.Id, from, to, ct)).Select(t => t.TimeUtc);
        return SanitisationAssessor.Assess(pile.Id, probes, pile.Rule, turned, expectedProbes: pile.Probes, asOfUtc: to);
    }

    /// <param name="events">Counter events of the range: each period lists those overlapping it.</param>
    public static string EnergyCsv(IEnumerable<Rollup<EnergyParts>> periods, IReadOnlyList<CounterEventRow>? events = null) => Csv.Write(periods,
    [
        ("start_utc", r => r.StartUtc),
        ("end_utc", r => r.EndUtc),
        ("consumption_kwh", r => r.Present > 0 ? r.Sum.Consumption : null),
        ("production_kwh", r => r.Present > 0 ? r.Sum.Production : null),
        ("allocated_kwh", r => r.Present > 0 ? r.Sum.Allocated : null),
        ("import_kwh", r => r.Present > 0 ? r.Sum.Import : null),
        ("export_kwh", r => r.Present > 0 ? r.Sum.Export : null),
        ("self_consumed_kwh", r => r.Present > 0 ? r.Sum.SelfConsumed : null),
        ("self_sufficiency", r => r.Present > 0 ? r.Sum.SelfSufficiency : null),
        ("self_consumption", r => r.Present > 0 ? r.Sum.SelfConsumption : null),
        ("coverage", r => r.Coverage),
        ("intervals_expected", r => r.Expected),
        ("intervals_measured", r => r.Measured),
        ("intervals_interpolated", r => r.Interpolated),
        ("intervals_estimated", r => r.Estimated),
        ("intervals_missing", r => r.Missing),
        ("meter_coverage", r => r.MeterCoverage),
        ("counter_events", r => CounterEvents.Text((events ?? []).Where(e => e.Overlaps(r.StartUtc, r.EndUtc)))),
    ]);

    private static string KeyName(Lustrac.Energy.Autonomy.Allocation.AllocationKey key) => key switch
    {
        Lustrac.Energy.Autonomy.Allocation.AllocationKey.Static => "static",
        Lustrac.Energy.Autonomy.Allocation.AllocationKey.EqualShare => "equal_share",
        _ => "default_dynamic",
    };

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
