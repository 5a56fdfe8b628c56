namespace Lustrac.Energy.Server.WallScreen;

/// <summary>What one wall screen shows, already filtered for its viewer. Serialized in snake_case.</summary>
public sealed record ScreenSnapshot(
    DateTimeOffset GeneratedAt,
    string SiteName,
    string TimeZone,
    ScreenViewer Viewer,
    DateTimeOffset? LastReadingAt,
    NeighbourhoodFlows Neighbourhood,
    HomeFlows? Home,
    TodayFigure Today,
    IReadOnlyList<TankWatch.TankView> Tanks,
    bool GoodTime,
    IReadOnlyList<Alerts.ScreenAlert>? Alerts = null,
    string Signal = ScreenSignal.Unknown,
    double Target = 0.85);

/// <summary>Who looks. HasWater / HasOwnPv: the home has water meters / its own panels, so the screen shows those cards.</summary>
public sealed record ScreenViewer(string Kind, string? Household, string? HouseholdName, bool FineData, bool HasWater = false, bool HasOwnPv = false);

/// <summary>Consumption is null when fewer than five households report: a smaller sum would reveal a home.</summary>
public sealed record NeighbourhoodFlows(double? ProductionW, double? ConsumptionW, int HouseholdsReporting, int HouseholdsTotal);

/// <summary>A home's live flows, split by the engine under the site's key, for that home's own token. Grid is what the
/// home draws beyond its solar share; ExportW what it injects.</summary>
public sealed record HomeFlows(double ConsumptionW, double SharedSolarW, double OwnSolarW, double GridW, double ExportW = 0);

/// <summary>Today so far: the engine's closed intervals plus its live estimate. SharedSolarKwh is the shared production
/// allocated to the scope (the household's share, as <c>allocated_kwh</c> in /api/autonomy). ClosedUntil: the end of
/// the engine's last closed interval (the screen fetches /api/autonomy again when it moves); Open: the engine's
/// estimate from live power for the rest of the day so far.</summary>
public sealed record TodayFigure(double? SelfSufficiency, double? SharedSolarKwh, string Scope, int Households, string Basis,
    DateTimeOffset? ClosedUntil = null, OpenEstimate? Open = null);

/// <summary>The open part of today (from <paramref name="From"/>), estimated by the engine from live power: kWh, as /api/autonomy names them.</summary>
public sealed record OpenEstimate(DateTimeOffset From, double ConsumptionKwh, double AllocatedKwh, double ImportKwh, double ExportKwh, double ProductionKwh);
