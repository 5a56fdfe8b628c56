using Lustrac.Energy.Autonomy.Intervals;

namespace Lustrac.Energy.Autonomy.Energy;

/// <summary>
/// Interval energies (kWh) of one household's meters, one array entry per grid interval.
/// Import and export come from the grid-connection meter (two unsigned counters). A null array means the
/// household has no such asset (taken as 0); an array entry that is Missing means the asset exists but its
/// value is unknown, which makes the household's interval unknown.
/// </summary>
public sealed record HouseholdMeters(
    string HouseholdId,
    IntervalValue[] Import,
    IntervalValue[] Export,
    IntervalValue[]? OwnProduction = null,
    IntervalValue[]? BatteryCharge = null,
    IntervalValue[]? BatteryDischarge = null)
{
    public int MeterCount => 2 + (OwnProduction is null ? 0 : 1) + (BatteryCharge is null ? 0 : 1) + (BatteryDischarge is null ? 0 : 1);
}

/// <summary>Everything the energy balance of the neighbourhood needs over one grid.</summary>
/// <param name="SharedProduction">One array per shared PV array (production meters), summed per interval.</param>
public sealed record NeighbourhoodMeters(IntervalGrid Grid, IReadOnlyList<HouseholdMeters> Households, IReadOnlyList<IntervalValue[]> SharedProduction);
