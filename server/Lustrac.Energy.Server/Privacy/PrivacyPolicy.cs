using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Privacy;

/// <summary>
/// The privacy rules, in one place (CNIL on load curves, DOMAIN.md): a household sees its own data; fine-grained
/// household data (live power, interval resolution) only with <c>consent_fine_data: true</c>, otherwise daily
/// figures; anyone may see aggregates over at least <see cref="MinimumAggregateHouseholds"/> households.
/// </summary>
public sealed class PrivacyPolicy(SiteModel site)
{
    /// <summary>Fewer households than this and an average gives one home away.</summary>
    public const int MinimumAggregateHouseholds = 5;

    public bool MaySeeHousehold(Viewer viewer, string household) =>
        viewer.Kind == ViewerKind.Operator || (viewer.Kind == ViewerKind.Household && viewer.Household == household);

    /// <summary>Live power and interval resolution: the load curves that reveal a home's daily life.</summary>
    public bool MaySeeFineData(Viewer viewer, string household) =>
        viewer.Kind == ViewerKind.Operator
        || (viewer.Kind == ViewerKind.Household && viewer.Household == household && ConsentsToFineData(household));

    /// <summary>Live readings of a device: shared assets (arrays, tanks, compost) are everyone's; a home's are fine data.</summary>
    public bool MaySeeLiveDevice(Viewer viewer, string? household) => household is null || MaySeeFineData(viewer, household);

    public static bool MayShowAggregate(int householdsInAggregate) => householdsInAggregate >= MinimumAggregateHouseholds;

    public bool ConsentsToFineData(string household) =>
        site.Households.FirstOrDefault(h => h.Id == household)?.ConsentFineData == true;

    public Viewer HouseholdViewer(string household) => new(ViewerKind.Household, household, ConsentsToFineData(household));
}
