using System.Text.Json.Serialization;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary><c>GET /api/vital-needs</c>: the index per period, its total and progress against the target.</summary>
public sealed record VitalNeedsResponse(
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("resolution")] string Resolution,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("target")] double Target,
    [property: JsonPropertyName("weights")] VitalNeedsWeightsJson Weights,
    [property: JsonPropertyName("periods")] IEnumerable<VitalNeedsPeriodJson> Periods,
    [property: JsonPropertyName("total")] VitalNeedsPeriodJson Total,
    [property: JsonPropertyName("progress")] ProgressJson<VitalNeedsPeriodJson> Progress);

public sealed record VitalNeedsWeightsJson(
    [property: JsonPropertyName("energy")] double Energy,
    [property: JsonPropertyName("water")] double Water,
    [property: JsonPropertyName("compost")] double Compost);

/// <summary>One period's components (from summed kWh, litres, kg), index, and the days it rests on.</summary>
public sealed record VitalNeedsPeriodJson(
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End,
    [property: JsonPropertyName("energy")] double? Energy,
    [property: JsonPropertyName("water")] double? Water,
    [property: JsonPropertyName("compost")] double? Compost,
    [property: JsonPropertyName("index")] double? Index,
    [property: JsonPropertyName("target")] double Target,
    [property: JsonPropertyName("progress")] double? Progress,
    [property: JsonPropertyName("met")] bool? Met,
    [property: JsonPropertyName("days")] DayCounts Days);

public sealed record DayCounts(
    [property: JsonPropertyName("expected")] int Expected,
    [property: JsonPropertyName("with_data")] int WithData);
