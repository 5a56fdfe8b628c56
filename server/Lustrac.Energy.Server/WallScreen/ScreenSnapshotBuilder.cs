using Lustrac.Energy.Server.Autonomy;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>Builds a viewer's snapshot from the live readings; every household figure goes through <see cref="PrivacyPolicy"/>.</summary>
public sealed class ScreenSnapshotBuilder(
    SiteModel site, LiveReadings live, TodayBalance today, EngineToday engineToday, TankWatch tanks, PrivacyPolicy policy, TimeProvider clock,
    Alerts.AlertBook? alerts = null)
{
    /// <summary>A power reading older than this no longer describes now.</summary>
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);

    public ScreenSnapshot Build(Viewer viewer)
    {
        var now = clock.GetUtcNow();
        var readings = live.Snapshot();
        var power = readings.Where(r => r.Quantity == "active_power" && r.Quality != Protocol.Messages.ReadingQuality.Bad && now - r.Time <= Fresh).ToList();

        var sharedProduction = power.Where(r => r.Role == Roles.PvProduction).Sum(r => Math.Max(0, r.Value));
        var homes = HomeLoads(power);
        var totalLoad = homes.Values.Sum(h => h.Load);
        var totalOwnPv = homes.Values.Sum(h => h.OwnPv);
        var aggregateAllowed = PrivacyPolicy.MayShowAggregate(homes.Count);
        var productionKnown = power.Any(r => r.Role == Roles.PvProduction);

        HomeFlows? home = null;
        if (viewer.Household is { } id && policy.MaySeeFineData(viewer, id) && homes.TryGetValue(id, out var mine))
        {
            // Default dynamic key: the shared arrays split pro rata of what each home still needs after its own roof.
            var needs = homes.Values.Sum(h => Math.Max(0, h.Load - h.OwnPv));
            var myNeed = Math.Max(0, mine.Load - mine.OwnPv);
            var share = needs > 0 ? Math.Min(myNeed, sharedProduction * myNeed / needs) : 0;
            home = new HomeFlows(mine.Load, share, mine.OwnPv, Math.Max(0, myNeed - share));
        }

        var scopeHousehold = viewer.Household;
        var engine = engineToday.For(scopeHousehold, today.DayStart(now).UtcDateTime);
        var (ratio, basis, counted) = TodayFigures.Combine(engine, today.Today(scopeHousehold, now, engine?.ClosedUntilUtc));
        if (scopeHousehold is null && !PrivacyPolicy.MayShowAggregate(counted)) ratio = null;
        var household = viewer.Household is null ? null : site.Households.FirstOrDefault(h => h.Id == viewer.Household);

        return new ScreenSnapshot(
            now,
            site.Site.Name,
            site.Site.TimeZone,
            new ScreenViewer(viewer.Kind.ToString().ToLowerInvariant(), household?.Id, household?.Name, viewer.Household is { } v && policy.MaySeeFineData(viewer, v)),
            readings.Count > 0 ? readings.Max(r => r.Time) : null,
            new NeighbourhoodFlows(productionKnown ? sharedProduction + totalOwnPv : null, aggregateAllowed ? totalLoad : null, homes.Count, site.Households.Count),
            home,
            new TodayFigure(ratio, scopeHousehold is null ? "neighbourhood" : "household", counted, basis),
            tanks.Tanks(),
            // Only a yes/no leaves here, so it may use every home's load even below the aggregate threshold.
            GoodTime: productionKnown && homes.Count > 0 && sharedProduction + totalOwnPv > totalLoad,
            Alerts: Alerts.AlertEndpoints.ForScreen(alerts)); // residents' alerts only (tank low): no household data
    }

    /// <summary>Per household: load = grid meter's net import + own roof production (import positive, DOMAIN sign convention).</summary>
    private static Dictionary<string, (double Load, double OwnPv)> HomeLoads(List<StoredReading> power)
    {
        var homes = new Dictionary<string, (double Load, double OwnPv)>(StringComparer.Ordinal);
        foreach (var meter in power.Where(r => r.Role == Roles.HouseholdMeter && r.Household is not null))
        {
            var ownPv = power.Where(r => r.Role == Roles.HouseholdPv && r.Household == meter.Household).Sum(r => Math.Max(0, r.Value));
            var load = Math.Max(0, (homes.GetValueOrDefault(meter.Household!).Load) + meter.Value + ownPv);
            homes[meter.Household!] = (load, ownPv);
        }
        return homes;
    }
}
