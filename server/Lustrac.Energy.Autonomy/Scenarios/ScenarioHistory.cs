using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Water;

namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>One shared PV array: its measured production per interval (kWh) and its geometry (for the clear-sky profile).</summary>
public sealed record SharedArraySeries(string Id, double PeakKw, double TiltDeg, double AzimuthDeg, IntervalValue[] Production);

/// <summary>
/// The water side of the history. <paramref name="RainfallMm"/>: the gauge per interval (null = unknown);
/// <paramref name="TankVolumeL"/>: litres stored in all tanks together at the end of each interval (null = unknown);
/// <paramref name="TankCapacityL"/> and <paramref name="RoofAreaM2"/>: the existing tanks and the roofs feeding them.
/// </summary>
public sealed record WaterHistory(
    IReadOnlyList<HouseholdWaterMeters> Households,
    double?[] RainfallMm,
    double?[] TankVolumeL,
    double TankCapacityL,
    double RoofAreaM2);

/// <summary>Organic waste weighed over one local day (kg): what went to compost and the total.</summary>
public readonly record struct CompostDay(DateTime DayStartUtc, double DivertedKg, double TotalKg);

/// <summary>
/// The stored history of a range, as the scenario engine reads it: the engine's own per-interval inputs (each
/// household's meters, each shared array), the water meters, gauge and tanks, the compost weighings, the site's
/// allocation rule and where the sun is (for added arrays).
/// </summary>
/// <param name="ClearSkyKwhPerKwp">Clear-sky energy per kWp over [start, start + length) for a plane of (tilt, azimuth):
/// the server passes the protocol's <c>ClearSkyPv.EnergyPerKwp</c> at the site's coordinates, so this library stays BCL-only.</param>
public sealed record ScenarioHistory(
    IntervalGrid Grid,
    TimeZoneInfo Zone,
    IReadOnlyList<HouseholdMeters> Households,
    IReadOnlyList<SharedArraySeries> Arrays,
    AllocationRule Allocation,
    Func<DateTime, TimeSpan, double, double, double> ClearSkyKwhPerKwp,
    WaterHistory? Water = null,
    IReadOnlyList<CompostDay>? Compost = null)
{
    public NeighbourhoodMeters Meters => new(Grid, Households, Arrays.Select(a => a.Production).ToArray());
}
