using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// Builds a viewer's snapshot from the live readings and the engine's figures; every household figure goes through
/// <see cref="PrivacyPolicy"/>. Live watts are split by the engine itself (<see cref="LiveEngine"/>), under the site's key.
/// </summary>
public sealed class ScreenSnapshotBuilder(
    SiteModel site, SitePlan plan, LiveReadings live, TodayBalance today, EngineToday engineToday, TankWatch tanks, PrivacyPolicy policy, TimeProvider clock,
    Alerts.AlertBook? alerts = null)
{
    /// <summary>A power reading older than this no longer describes now.</summary>
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);

    /// <summary>Every array's rated power (W), shared or a home's: the scale of "next to nothing" for the signal.</summary>
    private readonly double _peakW = site.Assets.Where(a => a.Kind == AssetKind.PvArray).Sum(a => a.PeakKw ?? 0) * 1000;

    public ScreenSnapshot Build(Viewer viewer)
    {
        var now = clock.GetUtcNow();
        var readings = live.Snapshot();
        var power = readings.Where(r => r.Quantity == QuantityNames.ActivePower && r.Quality != Protocol.Messages.ReadingQuality.Bad && now - r.Time <= Fresh)
            .GroupBy(r => r.Device, StringComparer.Ordinal).ToDictionary(g => g.Key, g => DeviceFlow.Of(g.MaxBy(r => r.Time)!.Value), StringComparer.Ordinal);
        DeviceFlow? FlowOf(int _, string device) => power.TryGetValue(device, out var f) ? f : null;

        // One interval holding the present watts: the engine is linear, so watts in are watts out.
        var grid = new IntervalGrid(Floor(now.UtcDateTime, plan.IntervalLength), 1, plan.IntervalMinutes);
        var split = LiveEngine.Run(plan, grid, FlowOf);
        var loads = LiveEngine.Consumption(plan, grid, FlowOf).Households
            .Where(h => h[0].Quality != IntervalQuality.Missing).Select(h => h[0].Parts.Consumption).ToList();
        var sharedProduction = plan.SharedProduction.Sum(d => power.GetValueOrDefault(d).Forward);
        var ownPv = plan.Households.SelectMany(h => h.OwnPv).Sum(d => power.GetValueOrDefault(d).Forward);
        var productionKnown = plan.SharedProduction.Any(power.ContainsKey);
        var totalLoad = loads.Sum();

        HomeFlows? home = null;
        int mine = viewer.Household is { } id ? Array.IndexOf(split.HouseholdIds.ToArray(), id) : -1;
        if (mine >= 0 && policy.MaySeeFineData(viewer, viewer.Household!) && split.Households[mine][0] is { Quality: not IntervalQuality.Missing } r)
            home = new HomeFlows(r.Parts.Consumption, r.Parts.Allocated, r.Parts.Production - r.Parts.Allocated, r.Parts.Import - r.Parts.Allocated, r.Parts.Export);

        var scopeHousehold = viewer.Household;
        var engine = engineToday.For(scopeHousehold, today.DayStart(now).UtcDateTime);
        var dayStart = today.DayStart(now);
        var liveDay = today.Today(scopeHousehold, now, engine?.ClosedUntilUtc);
        var (ratio, sharedKwh, basis, counted) = TodayFigures.Combine(engine, liveDay);
        var open = TodayFigures.Open(liveDay, engine?.ClosedUntilUtc is { } c ? new DateTimeOffset(c, TimeSpan.Zero) : dayStart);
        if (scopeHousehold is null && !PrivacyPolicy.MayShowAggregate(counted)) (ratio, sharedKwh, open) = (null, null, null);
        var household = viewer.Household is null ? null : site.Households.FirstOrDefault(h => h.Id == viewer.Household);
        var householdPlan = viewer.Household is null ? null : plan.FindHousehold(viewer.Household);
        double? production = productionKnown ? sharedProduction + ownPv : null;

        return new ScreenSnapshot(
            now,
            site.Site.Name,
            site.Site.TimeZone,
            new ScreenViewer(viewer.Kind.ToString().ToLowerInvariant(), household?.Id, household?.Name, viewer.Household is { } v && policy.MaySeeFineData(viewer, v),
                householdPlan?.HasWater ?? false, householdPlan?.OwnPv.Length > 0),
            readings.Count > 0 ? readings.Max(x => x.Time) : null,
            new NeighbourhoodFlows(production, PrivacyPolicy.MayShowAggregate(loads.Count) ? totalLoad : null, loads.Count, site.Households.Count),
            home,
            new TodayFigure(ratio, sharedKwh, scopeHousehold is null ? "neighbourhood" : "household", counted, basis,
                engine is null ? null : new DateTimeOffset(engine.ClosedUntilUtc, TimeSpan.Zero), open),
            tanks.Tanks(),
            // Only a yes/no leaves here, so it may use every home's load even below the aggregate threshold.
            GoodTime: productionKnown && loads.Count > 0 && sharedProduction + ownPv > totalLoad,
            Alerts: Alerts.AlertEndpoints.ForScreen(alerts), // residents' alerts only (tank low): no household data
            // A home's screen gets the home's signal (unknown while its split is), the shared screen the neighbourhood's.
            Signal: viewer.Household is null ? ScreenSignal.Of(production, loads.Count, totalLoad, _peakW)
                : home is null ? ScreenSignal.Unknown : ScreenSignal.ForHome(production, home, _peakW),
            Target: plan.Targets.EnergySelfSufficiency);
    }

    private static DateTime Floor(DateTime utc, TimeSpan length) => new(utc.Ticks - utc.Ticks % length.Ticks, DateTimeKind.Utc);
}
