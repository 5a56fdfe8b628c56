using System.Text.Json.Serialization;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary>
/// <c>GET /api/autonomy/compare/households</c>: the range's totals under each allocation key (<c>keys</c>, in order:
/// <c>static</c> when the site gives static shares, <c>default_dynamic</c>, <c>equal_share</c>) for the neighbourhood and
/// each household the token may see; how many it may not, and why.
/// </summary>
public sealed record CompareHouseholdsResponse(
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("site_key")] string SiteKey,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("time_zone")] string TimeZone,
    [property: JsonPropertyName("interval_minutes")] int IntervalMinutes,
    [property: JsonPropertyName("keys")] IEnumerable<string> Keys,
    [property: JsonPropertyName("shared_production_kwh")] double? SharedProductionKwh,
    [property: JsonPropertyName("neighbourhood")] Dictionary<string, KeyShareJson> Neighbourhood,
    [property: JsonPropertyName("households")] IReadOnlyList<HouseholdKeysJson> Households,
    [property: JsonPropertyName("hidden_households")] int HiddenHouseholds,
    [property: JsonPropertyName("hidden_reason")] Dictionary<string, string>? HiddenReason);

/// <summary>One household under each key.</summary>
public sealed record HouseholdKeysJson(
    [property: JsonPropertyName("household")] string Household,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("keys")] Dictionary<string, KeyShareJson> Keys);

/// <summary>A total (a household's, or the neighbourhood's: the sum of the shares) under one key, and its share of the shared arrays' production (allocated ÷ shared production).</summary>
public sealed record KeyShareJson(
    [property: JsonPropertyName("total")] EnergyPeriodJson Total,
    [property: JsonPropertyName("share_of_shared")] double? ShareOfShared);
