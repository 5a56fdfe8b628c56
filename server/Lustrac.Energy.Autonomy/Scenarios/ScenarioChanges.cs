using Lustrac.Energy.Autonomy.Allocation;

namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>An existing shared array's measured profile multiplied by <paramref name="Factor"/> (2 = twice the panels).</summary>
public sealed record ScaledArray(string ArrayId, double Factor);

/// <summary>A new shared array: peak power (kWp), tilt (0 = flat, 90 = vertical) and azimuth (180 = south), degrees.</summary>
public sealed record AddedArray(string Name, double PeakKw, double TiltDeg, double AzimuthDeg);

/// <summary>
/// A battery: <paramref name="Household"/> null = shared (on the neighbourhood's balance), else in that home.
/// Power limits the energy through the battery's grid side in one interval (kW × interval hours).
/// </summary>
/// <param name="RoundTripEfficiency">Fraction in (0, 1]; √η is lost on the way in and √η on the way out.</param>
/// <param name="MinStateOfCharge">Fraction of the capacity never used (0.1 = 10 % kept); the battery starts there.</param>
public sealed record ScenarioBattery(string Name, string? Household, double CapacityKwh, double PowerKw, double RoundTripEfficiency, double MinStateOfCharge = 0);

/// <summary>
/// The rain tanks replaced by bigger ones or joined by an extra one: the capacity and roof area added to what exists.
/// <paramref name="MainsShareForRainUses"/>: the share of mains water that rainwater may serve when the tank has some
/// (WC, floor washing, garden: French rules allow no more indoors). Default 0.2, the WC's share of household water.
/// </summary>
public sealed record TankChange(double ExtraCapacityL, double ExtraRoofAreaM2, double MainsShareForRainUses = 0.2, double RunoffCoefficient = 0.9);

/// <summary>A share of every household's consumption moved, within its local day, into the intervals with surplus.</summary>
/// <param name="MaxKwhPerInterval">At most this much moved into one interval, per household.</param>
public sealed record LoadShift(double Share, double MaxKwhPerInterval);

/// <summary>Every change of one scenario; all optional and combinable. No change = the actual figures.</summary>
public sealed record ScenarioChanges(
    IReadOnlyList<ScaledArray>? ScaledArrays = null,
    IReadOnlyList<AddedArray>? AddedArrays = null,
    IReadOnlyList<ScenarioBattery>? Batteries = null,
    TankChange? Tank = null,
    LoadShift? LoadShift = null,
    AllocationRule? Allocation = null)
{
    public static ScenarioChanges None { get; } = new();
}
