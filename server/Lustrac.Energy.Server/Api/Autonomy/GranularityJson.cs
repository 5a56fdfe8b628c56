using System.Text.Json.Serialization;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary><c>GET /api/autonomy/granularity</c>: one history netted per interval, hour, day, month and year.</summary>
public sealed record GranularityResponse(
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("household")] string? Household,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("interval_minutes")] int IntervalMinutes,
    [property: JsonPropertyName("quality")] GranularityQuality Quality,
    [property: JsonPropertyName("consumption_kwh")] double? ConsumptionKwh,
    [property: JsonPropertyName("production_kwh")] double? ProductionKwh,
    [property: JsonPropertyName("nettings")] IEnumerable<NettingJson> Nettings,
    [property: JsonPropertyName("why")] IReadOnlyDictionary<string, string> Why);

public sealed record GranularityQuality(
    [property: JsonPropertyName("intervals")] PresentCounts Intervals,
    [property: JsonPropertyName("coverage")] double Coverage);

public sealed record PresentCounts(
    [property: JsonPropertyName("expected")] int Expected,
    [property: JsonPropertyName("present")] int Present);

/// <summary>One netting step's figures and how far its self-sufficiency is above the per-interval one.</summary>
public sealed record NettingJson(
    [property: JsonPropertyName("netting")] string Netting,
    [property: JsonPropertyName("steps")] int Steps,
    [property: JsonPropertyName("self_consumed_kwh")] double? SelfConsumedKwh,
    [property: JsonPropertyName("self_sufficiency")] double? SelfSufficiency,
    [property: JsonPropertyName("self_consumption")] double? SelfConsumption,
    [property: JsonPropertyName("self_sufficiency_overstatement")] double? SelfSufficiencyOverstatement);
