using System.Text.Json.Serialization;
using Lustrac.Energy.Server.Figures;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary><c>GET /api/autonomy</c>: energy per period of the query, their total, progress against the target and the counter events behind missing intervals.</summary>
public sealed record AutonomyResponse(
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("household")] string? Household,
    [property: JsonPropertyName("resolution")] string Resolution,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("target")] double Target,
    [property: JsonPropertyName("periods")] IEnumerable<EnergyPeriodJson> Periods,
    [property: JsonPropertyName("total")] EnergyPeriodJson Total,
    [property: JsonPropertyName("progress")] ProgressJson<EnergyProgressJson> Progress,
    [property: JsonPropertyName("counter_events")] IEnumerable<CounterEventJson> CounterEvents);

/// <summary>A counter event (reset, replacement, silence too long) with the two readings around it.</summary>
public sealed record CounterEventJson(
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("quantity")] string Quantity,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("before")] string Before,
    [property: JsonPropertyName("before_value")] double BeforeValue,
    [property: JsonPropertyName("after")] string After,
    [property: JsonPropertyName("after_value")] double AfterValue,
    [property: JsonPropertyName("intervals")] int Intervals,
    [property: JsonPropertyName("estimated_from_power")] int EstimatedFromPower)
{
    public static CounterEventJson Of(CounterEventRow e) => new(e.Device, e.Quantity, CounterEvents.WireName(e.Kind),
        AutonomyQuery.Format(e.BeforeUtc), e.BeforeValue, AutonomyQuery.Format(e.AfterUtc), e.AfterValue, e.Intervals, e.IntervalsEstimated);
}

/// <summary><c>GET /api/autonomy/compare</c>: the same history under each allocation key.</summary>
public sealed record CompareResponse(
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("household")] string? Household,
    [property: JsonPropertyName("site_key")] string SiteKey,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("keys")] Dictionary<string, KeyFigures> Keys);

/// <summary>One allocation key's periods and total.</summary>
public sealed record KeyFigures(
    [property: JsonPropertyName("periods")] IEnumerable<EnergyPeriodJson> Periods,
    [property: JsonPropertyName("total")] EnergyPeriodJson Total);

/// <summary><c>GET /api/water</c>: water per period, total, and each tank's state and harvest.</summary>
public sealed record WaterResponse(
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("household")] string? Household,
    [property: JsonPropertyName("resolution")] string Resolution,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("target")] double Target,
    [property: JsonPropertyName("periods")] IEnumerable<WaterPeriodJson> Periods,
    [property: JsonPropertyName("total")] WaterPeriodJson Total,
    [property: JsonPropertyName("tanks")] IEnumerable<TankJson> Tanks);

/// <summary>A tank's latest state and its harvest over the query (harvested, expected, their ratio).</summary>
public sealed record TankJson(
    [property: JsonPropertyName("tank")] string Tank,
    [property: JsonPropertyName("time")] string? Time,
    [property: JsonPropertyName("volume_l")] double? VolumeL,
    [property: JsonPropertyName("days_left")] double? DaysLeft,
    [property: JsonPropertyName("harvested_l")] double? HarvestedL,
    [property: JsonPropertyName("expected_l")] double? ExpectedL,
    [property: JsonPropertyName("harvest_efficiency")] double? HarvestEfficiency);
