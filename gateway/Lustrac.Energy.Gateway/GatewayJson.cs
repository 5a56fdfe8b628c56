using System.Text.Json.Serialization;

namespace Lustrac.Energy.Gateway;

/// <summary>
/// The gateway's JSON, generated at build time: a trimmed, self-contained gateway has no reflection-based
/// serializer, so every type written or read as JSON is listed here.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, ulong>))]
[JsonSerializable(typeof(StatusPayload))]
[JsonSerializable(typeof(Outbox.OutboxLosses.Saved))]
internal sealed partial class GatewayJson : JsonSerializerContext;

/// <summary>The retained status message of contract v1: {"state":"up","since":…,"error":…,"failed_reads":n,"seq":n}.</summary>
internal sealed record StatusPayload(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("since")] string Since,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("failed_reads")] long FailedReads,
    [property: JsonPropertyName("seq")] ulong Seq);
