using Lustrac.Energy.Autonomy.Allocation;

namespace Lustrac.Energy.Autonomy.Forecast;

/// <summary>One interval's measured energy (kWh); null when the interval is unknown (Missing), never 0.</summary>
public readonly record struct IntervalEnergy(DateTime StartUtc, double? Kwh);

/// <summary>
/// A PV array as the forecast sees it. <paramref name="Household"/> null: a shared array. <paramref name="ClearSkyKwhPerKwp"/>
/// gives the clear-sky energy per kWp over [start, start + length) — the server passes the protocol's
/// <c>ClearSkyPv.EnergyPerKwp</c> for the array's tilt and azimuth; the engine stays free of the sky model.
/// </summary>
public sealed record ForecastArray(string Id, string? Household, double PeakKw, Func<DateTime, TimeSpan, double> ClearSkyKwhPerKwp);

/// <summary>
/// The forecast's settings. <see cref="RatioDays"/>: days of history for the performance ratio (and the "recent days"
/// of the consumption fallback). <see cref="SameWeekdays"/>: how many same weekdays make a consumption profile.
/// <see cref="WindowMargin"/>: an interval is good when production ≥ consumption × (1 + margin).
/// <see cref="MinWindowIntervals"/>: shorter runs are no use for a washing cycle. <see cref="DefaultRatio"/> and
/// <see cref="DefaultSpread"/>: used while no daylight interval has been measured (a fresh install).
/// </summary>
public sealed record ForecastOptions(
    int RatioDays = 7, int SameWeekdays = 4, double WindowMargin = 0.1, int MinWindowIntervals = 2,
    double DefaultRatio = 0.8, double DefaultSpread = 0.2)
{
    public static ForecastOptions Default { get; } = new();

    /// <summary>Days of history the forecast reads: enough for <see cref="SameWeekdays"/> weeks and the ratio's days.</summary>
    public int HistoryDays => Math.Max(RatioDays, 7 * SameWeekdays);
}

/// <summary>
/// What the forecast is made from, all pure data. Production history is keyed by production group: <see cref="SharedGroup"/>
/// for the shared arrays together (the neighbourhood's production minus the households' own), a household id for that
/// home's own arrays. Consumption history is keyed by household id, and <see cref="NeighbourhoodConsumption"/> is the
/// neighbourhood's own series (the engine's, defined only when every meter reported).
/// </summary>
public sealed record ForecastRequest(
    DateTime NowUtc,
    TimeZoneInfo Zone,
    int IntervalMinutes,
    IReadOnlyList<ForecastArray> Arrays,
    IReadOnlyList<string> Households,
    IReadOnlyDictionary<string, IReadOnlyList<IntervalEnergy>> MeasuredProduction,
    IReadOnlyDictionary<string, IReadOnlyList<IntervalEnergy>> HouseholdConsumption,
    IReadOnlyList<IntervalEnergy> NeighbourhoodConsumption,
    AllocationRule Allocation,
    CloudCover? Clouds = null,
    ForecastOptions? Options = null)
{
    public const string SharedGroup = "";

    public ForecastOptions Settings => Options ?? ForecastOptions.Default;
    public TimeSpan IntervalLength => TimeSpan.FromMinutes(IntervalMinutes);
}
