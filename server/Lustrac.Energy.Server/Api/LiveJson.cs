using System.Text.Json.Serialization;

namespace Lustrac.Energy.Server.Api;

/// <summary><c>GET /api/live</c>: the latest stored reading of each quantity, per device the viewer may see.</summary>
public sealed record LiveResponse(
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("generated_at")] string GeneratedAt,
    [property: JsonPropertyName("devices")] IEnumerable<LiveDeviceJson> Devices);

public sealed record LiveDeviceJson(
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("gateway")] string Gateway,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("household")] string? Household,
    [property: JsonPropertyName("asset")] string? Asset,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("readings")] IEnumerable<LiveReadingJson> Readings);

public sealed record LiveReadingJson(
    [property: JsonPropertyName("quantity")] string Quantity,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("quality")] string Quality,
    [property: JsonPropertyName("time")] string Time);

/// <summary><c>GET /api/quarantine</c>: how many messages were refused, and the latest ones with why.</summary>
public sealed record QuarantineResponse(
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("recent")] IEnumerable<QuarantinedJson> Recent);

public sealed record QuarantinedJson(
    [property: JsonPropertyName("received_at")] string ReceivedAt,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("payload")] string Payload);

/// <summary>One device's state (no reading) in <c>GET /api/devices</c>.</summary>
public sealed record DeviceStateJson(
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("gateway")] string Gateway,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("household")] string? Household,
    [property: JsonPropertyName("asset")] string? Asset,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("since")] string Since,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("consecutive_failures")] long ConsecutiveFailures);

/// <summary><c>GET /health</c>: 200 when the broker, the store and its schema are fine, 503 (same body) otherwise.</summary>
public sealed record HealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("broker_connected")] bool BrokerConnected,
    [property: JsonPropertyName("store_ready")] bool StoreReady,
    [property: JsonPropertyName("store_healthy")] bool StoreHealthy,
    [property: JsonPropertyName("last_store_error")] string? LastStoreError,
    [property: JsonPropertyName("messages_stored")] long MessagesStored,
    [property: JsonPropertyName("readings_stored")] long ReadingsStored,
    [property: JsonPropertyName("quarantined")] long Quarantined,
    [property: JsonPropertyName("store_failures")] long StoreFailures,
    [property: JsonPropertyName("sequence_missing")] long SequenceMissing,
    [property: JsonPropertyName("sequence_duplicates")] long SequenceDuplicates,
    [property: JsonPropertyName("last_stored_at")] string? LastStoredAt);

/// <summary><c>GET /api/devices/sequence</c>: sequence counters as this server instance saw them.</summary>
public sealed record SequenceResponse(
    [property: JsonPropertyName("note")] string Note,
    [property: JsonPropertyName("missing")] long Missing,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("late")] long Late,
    [property: JsonPropertyName("restarts")] long Restarts,
    [property: JsonPropertyName("devices")] IEnumerable<DeviceSequenceJson> Devices);

public sealed record DeviceSequenceJson(
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("highest_seq")] ulong HighestSeq,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("missing")] long Missing,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("late")] long Late,
    [property: JsonPropertyName("restarts")] long Restarts,
    [property: JsonPropertyName("last_seen_at")] string LastSeenAt);
