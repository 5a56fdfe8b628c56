using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.ResultStore;

/// <summary>
/// One row of <c>energy_interval</c>: a household's (or, with <see cref="Household"/> null, the neighbourhood's)
/// balance over one canonical interval. When <see cref="Quality"/> is Missing only quality and coverage are stored.
/// </summary>
/// <param name="OwnProduction">Household: its own PV. Neighbourhood: the sum of every household's own PV.</param>
public sealed record EnergyIntervalRow(
    DateTime StartUtc, string? Household, EnergyParts Parts, double OwnProduction, IntervalQuality Quality, int MetersReporting, int MetersExpected)
{
    public string Scope => Household is null ? AutonomyScope.Neighbourhood : AutonomyScope.Household;
    public bool IsDefined => Quality != IntervalQuality.Missing;
    public double Coverage => MetersExpected > 0 ? (double)MetersReporting / MetersExpected : 0;
    public IntervalRecord<EnergyParts> ToRecord() => new(StartUtc, IsDefined ? Parts : default, Quality, MetersReporting, MetersExpected);
}

/// <summary>One row of <c>water_interval</c> (litres).</summary>
public sealed record WaterIntervalRow(DateTime StartUtc, string? Household, WaterParts Parts, IntervalQuality Quality, int MetersReporting, int MetersExpected)
{
    public string Scope => Household is null ? AutonomyScope.Neighbourhood : AutonomyScope.Household;
    public bool IsDefined => Quality != IntervalQuality.Missing;
    public double Coverage => MetersExpected > 0 ? (double)MetersReporting / MetersExpected : 0;
    public IntervalRecord<WaterParts> ToRecord() => new(StartUtc, IsDefined ? Parts : default, Quality, MetersReporting, MetersExpected);
}

/// <summary>One row of <c>tank_state</c>: the tank at the end of the interval starting at <see cref="StartUtc"/>.</summary>
/// <param name="DaysLeft">Null when nothing was drawn over the last day ("no draw"), never infinity.</param>
/// <param name="ExpectedL">Null when the rainfall of the interval is unknown (no gauge, or gauge missing).</param>
public sealed record TankStateRow(DateTime StartUtc, string Asset, double VolumeL, double? DaysLeft, double HarvestedL, double? ExpectedL);

/// <summary>One row of <c>compost_status</c>: the pile's sanitisation as judged at the end of the computed range.</summary>
/// <param name="Progress">The least advanced of the rule's requirements (hot time, turnings), in [0, 1]; see <see cref="CompostProgress"/>.</param>
/// <param name="Turnings">Turnings recorded inside the current hot run.</param>
public sealed record CompostStatusRow(DateTime StartUtc, string Asset, SanitisationStatus Status, double Progress, double? CoolestC, string Rule, int Turnings = 0);

/// <summary>One row of <c>vital_needs</c>: one local day, time = local midnight (as UTC).</summary>
/// <param name="Parts">What the three ratios are made of, so months and years are re-summed rather than averaged.</param>
public sealed record VitalNeedsRow(DateTime DayStartUtc, double? Energy, double? Water, double? Compost, double? Index, double Target, VitalNeedsParts Parts = default);

/// <summary>Everything one computation produced for [FromUtc, ToUtc); writing it replaces what was stored for that range.</summary>
public sealed record AutonomyResults(
    DateTime FromUtc,
    DateTime ToUtc,
    IReadOnlyList<EnergyIntervalRow> Energy,
    IReadOnlyList<WaterIntervalRow> Water,
    IReadOnlyList<TankStateRow> Tanks,
    IReadOnlyList<CompostStatusRow> Compost)
{
    /// <summary>
    /// True when these intervals were never stored before (a normal close, after the last computed interval):
    /// a store may then skip clearing old rows, which on InfluxDB is a slow DELETE.
    /// </summary>
    public bool NeverStored { get; init; }

    /// <summary>The counter events behind Missing intervals of the range, one row per interval they overlap.</summary>
    public IReadOnlyList<CounterEventRow> Events { get; init; } = [];
}

public static class AutonomyScope
{
    public const string Household = "household";
    public const string Neighbourhood = "neighbourhood";
}

public static class WireNames
{
    public static string Of(IntervalQuality q) => q switch
    {
        IntervalQuality.Measured => "measured",
        IntervalQuality.Interpolated => "interpolated",
        IntervalQuality.Estimated => "estimated",
        _ => "missing",
    };

    public static IntervalQuality ParseQuality(string? text) => text switch
    {
        "measured" => IntervalQuality.Measured,
        "interpolated" => IntervalQuality.Interpolated,
        "estimated" => IntervalQuality.Estimated,
        _ => IntervalQuality.Missing,
    };

    public static string Of(SanitisationStatus s) => s switch
    {
        SanitisationStatus.NotStarted => "not_started",
        SanitisationStatus.InProgress => "in_progress",
        SanitisationStatus.Achieved => "achieved",
        _ => "interrupted",
    };

    public static SanitisationStatus ParseStatus(string? text) => text switch
    {
        "in_progress" => SanitisationStatus.InProgress,
        "achieved" => SanitisationStatus.Achieved,
        "interrupted" => SanitisationStatus.Interrupted,
        _ => SanitisationStatus.NotStarted,
    };
}
