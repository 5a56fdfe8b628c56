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
    IReadOnlyList<Alerts.ScreenAlert>? Alerts = null);

public sealed record ScreenViewer(string Kind, string? Household, string? HouseholdName, bool FineData);

/// <summary>Consumption is null when fewer than five households report: a smaller sum would reveal a home.</summary>
public sealed record NeighbourhoodFlows(double? ProductionW, double? ConsumptionW, int HouseholdsReporting, int HouseholdsTotal);

/// <summary>A home's live flows (consent to fine data only), split by the engine under the site's key. Grid is what the
/// home draws beyond its solar share.</summary>
public sealed record HomeFlows(double ConsumptionW, double SharedSolarW, double OwnSolarW, double GridW);

/// <summary>Today so far: the engine's closed intervals plus its live estimate. SharedSolarKwh is the shared production
/// allocated to the scope (the household's share, as <c>allocated_kwh</c> in /api/autonomy).</summary>
public sealed record TodayFigure(double? SelfSufficiency, double? SharedSolarKwh, string Scope, int Households, string Basis);
