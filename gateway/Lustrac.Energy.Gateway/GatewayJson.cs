using System.Text.Json.Serialization;

namespace Lustrac.Energy.Gateway;

/// <summary>
/// The gateway's JSON, generated at build time: a trimmed, self-contained gateway has no reflection-based
/// serializer, so every type written or read as JSON is listed here.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, ulong>))]
[JsonSerializable(typeof(Outbox.OutboxLosses.Saved))]
internal sealed partial class GatewayJson : JsonSerializerContext;
