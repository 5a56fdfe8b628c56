using System.Globalization;
using Lustrac.Energy.Autonomy.Export;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.Server.Replay;

/// <summary>
/// <c>GET /api/replay?date=YYYY-MM-DD</c> (and <c>.csv</c>): the neighbourhood's closed intervals of one local day,
/// from the stored <c>energy_interval</c> rows (the ones /api/autonomy sums), for a shared screen to replay at a
/// chosen speed. Aggregates only: no household parameter; a site of fewer than
/// <see cref="PrivacyPolicy.MinimumAggregateHouseholds"/> homes shows its consumption to the operator only.
/// </summary>
public static class ReplayEndpoints
{
    public static void MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/replay", async (HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, Viewer viewer, CancellationToken ct) =>
        {
            var (day, error) = await ReadDayAsync(http, plan, store, clock, viewer, ct);
            if (error is not null) return error;
            var d = day!;
            return Results.Ok(new
            {
                site = plan.SiteId,
                date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                from = AutonomyQuery.Format(d.FromUtc),
                to = AutonomyQuery.Format(d.ToUtc),
                interval_minutes = plan.IntervalMinutes,
                consumption_shown = d.ShowConsumption,
                intervals = d.Rows.Select((r, i) => Interval(r, d.SoFar[i], plan, d.ShowConsumption)),
                total = d.ShowConsumption ? EnergyPeriodJson.Of(Rollup.Range<Lustrac.Energy.Autonomy.Energy.EnergyParts>(
                    d.Rows.Select(r => r.ToRecord()).ToArray(), d.FromUtc, d.ToUtc, plan.IntervalLength)) : null,
            });
        });

        app.MapGet("/api/replay.csv", async (HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock, Viewer viewer, CancellationToken ct) =>
        {
            var (day, error) = await ReadDayAsync(http, plan, store, clock, viewer, ct);
            if (error is not null) return error;
            bool show = day!.ShowConsumption;
            var csv = Csv.Write(day.Rows,
            [
                ("start_utc", r => r.StartUtc),
                ("end_utc", r => r.StartUtc + plan.IntervalLength),
                ("quality", r => WireNames.Of(r.Quality)),
                ("consumption_kwh", r => show ? r.Parts.Consumption : null),
                ("production_kwh", r => r.Parts.Production),
                ("allocated_kwh", r => show ? r.Parts.Allocated : null),
                ("import_kwh", r => show ? r.Parts.Import : null),
                ("export_kwh", r => show ? r.Parts.Export : null),
                ("self_sufficiency", r => show ? r.Parts.SelfSufficiency : null),
                ("self_consumption", r => show ? r.Parts.SelfConsumption : null),
            ]);
            return Results.Text(csv, "text/csv; charset=utf-8");
        });
    }

    /// <param name="SoFar">The sum of the day's intervals up to each one: the replayed day's figure at that point (the page computes none).</param>
    private sealed record ReplayDay(DateOnly Date, DateTime FromUtc, DateTime ToUtc, IReadOnlyList<EnergyIntervalRow> Rows, bool ShowConsumption,
        IReadOnlyList<Lustrac.Energy.Autonomy.Energy.EnergyParts> SoFar);

    private static object Interval(EnergyIntervalRow r, Lustrac.Energy.Autonomy.Energy.EnergyParts soFar, SitePlan plan, bool show) => new
    {
        start = AutonomyQuery.Format(r.StartUtc),
        end = AutonomyQuery.Format(r.StartUtc + plan.IntervalLength),
        quality = WireNames.Of(r.Quality),
        production_kwh = r.Parts.Production,
        consumption_kwh = show ? r.Parts.Consumption : (double?)null,
        allocated_kwh = show ? r.Parts.Allocated : (double?)null,
        import_kwh = show ? r.Parts.Import : (double?)null,
        export_kwh = show ? r.Parts.Export : (double?)null,
        self_sufficiency = show ? r.Parts.SelfSufficiency : null,
        day_so_far_self_sufficiency = show ? soFar.SelfSufficiency : null,
    };

    private static async Task<(ReplayDay?, IResult?)> ReadDayAsync(HttpContext http, SitePlan plan, IAutonomyStore store, TimeProvider clock,
        Viewer viewer, CancellationToken ct)
    {
        foreach (var name in PrivacyMiddleware.HouseholdParameterNames)
            if (http.Request.Query.ContainsKey(name))
                return (null, ApiErrors.BadRequest($"{name}: the replay shows the neighbourhood only (a shared screen); a household's day is in /api/autonomy with its token"));
        var text = http.Request.Query["date"].ToString();
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return (null, ApiErrors.BadRequest($"date: '{text}' is not a local date like 2026-06-21"));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, plan.Zone));
        if (date < AutonomyQuery.EarliestDate || date > today)
            return (null, ApiErrors.BadRequest($"date: {text} is not a day with a past: give a day from {AutonomyQuery.EarliestDate:yyyy-MM-dd} to today ({today:yyyy-MM-dd})"));
        DateTime from = LocalCalendar.StartUtc(date, plan.Zone), to = LocalCalendar.StartUtc(date.AddDays(1), plan.Zone);
        // Closed intervals with figures only: a Missing one has nothing to draw (the page leaves its slot empty).
        var rows = (await store.ReadEnergyAsync(null, from, to, ct)).Where(r => r.IsDefined).ToList();
        bool show = viewer.Kind == ViewerKind.Operator || PrivacyPolicy.MayShowAggregate(plan.Households.Count);
        var soFar = new List<Lustrac.Energy.Autonomy.Energy.EnergyParts>(rows.Count);
        foreach (var r in rows) soFar.Add((soFar.Count > 0 ? soFar[^1] : default) + r.Parts);
        return (new ReplayDay(date, from, to, rows, show, soFar), null);
    }
}
