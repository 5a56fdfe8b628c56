using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Privacy;

/// <summary>
/// The privacy rules, in one place (CNIL on load curves, DOMAIN.md; the table in the README's privacy section):
/// <list type="number">
/// <item>A household's token sees all of its own data, at every resolution, live and history: consent never restricts
/// what a home sees of itself.</item>
/// <item>The operator (and what it exports) sees another household's fine data — live power, interval resolution —
/// only with <c>consent_fine_data: true</c>; otherwise that household's day, month and year figures only.</item>
/// <item>A household token never sees another household; a shared screen (no token) sees no household at all.</item>
/// <item>Anyone sees aggregates over at least <see cref="MinimumAggregateHouseholds"/> households, and shared assets.</item>
/// </list>
/// </summary>
public sealed class PrivacyPolicy(SiteModel site)
{
    /// <summary>Fewer households than this and an average gives one home away.</summary>
    public const int MinimumAggregateHouseholds = 5;

    /// <summary>Resolutions coarse enough to show without consent to fine data (CNIL: daily by default).</summary>
    public static readonly IReadOnlySet<string> CoarseResolutions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "day", "month", "year" };

    /// <summary>Rule 3: the household itself or the operator; nobody else may name it.</summary>
    public bool MaySeeHousehold(Viewer viewer, string household) =>
        viewer.Kind == ViewerKind.Operator || IsOwn(viewer, household);

    /// <summary>Rules 1 and 2: live power and interval resolution, the load curves that reveal a home's daily life.</summary>
    public bool MaySeeFineData(Viewer viewer, string household) =>
        IsOwn(viewer, household) || (viewer.Kind == ViewerKind.Operator && ConsentsToFineData(household));

    /// <summary>A resolution asked for a household: coarse ones for whoever may see it, fine ones per <see cref="MaySeeFineData"/>.</summary>
    public bool MaySeeResolution(Viewer viewer, string household, string? resolution) =>
        MaySeeHousehold(viewer, household)
        && (CoarseResolutions.Contains(resolution ?? "") || MaySeeFineData(viewer, household));

    /// <summary>Live readings of a device: shared assets (arrays, tanks, compost) are everyone's; a home's are fine data.</summary>
    public bool MaySeeLiveDevice(Viewer viewer, string? household) => household is null || MaySeeFineData(viewer, household);

    /// <summary>A device's up/down state (no reading): the home itself and the operator, who keeps the devices running.</summary>
    public bool MaySeeDeviceStatus(Viewer viewer, string? household) => household is null || MaySeeHousehold(viewer, household);

    public static bool MayShowAggregate(int householdsInAggregate) => householdsInAggregate >= MinimumAggregateHouseholds;

    /// <summary>The figure routes (and their CSV and sub-routes, by prefix) whose answer without a household is the neighbourhood's aggregate of every home.</summary>
    public static readonly string[] NeighbourhoodFigureRoutes = ["/api/autonomy", "/api/water", "/api/vital-needs"];

    /// <summary>
    /// Rule 4 for the stored figures: the neighbourhood's figures are an aggregate of the site's households, shown to
    /// anyone but the operator only when there are at least <see cref="MinimumAggregateHouseholds"/> of them (with two
    /// homes, a household's token would read its neighbour as the neighbourhood minus itself).
    /// </summary>
    public bool MaySeeNeighbourhoodFigures(Viewer viewer) =>
        viewer.Kind == ViewerKind.Operator || MayShowAggregate(site.Households.Count);

    public int HouseholdCount => site.Households.Count;

    public bool IsKnownHousehold(string household) => site.Households.Any(h => h.Id == household);

    public bool ConsentsToFineData(string household) =>
        site.Households.FirstOrDefault(h => h.Id == household)?.ConsentFineData == true;

    public Viewer HouseholdViewer(string household) => new(ViewerKind.Household, household, ConsentsToFineData(household));

    private static bool IsOwn(Viewer viewer, string household) =>
        viewer.Kind == ViewerKind.Household && viewer.Household == household;
}
