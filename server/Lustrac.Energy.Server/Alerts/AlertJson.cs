using System.Text.Json;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>One JSON shape for an alert, used by /api/alerts, the MQTT state, the webhook and the wall screen.</summary>
public static class AlertJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static object Of(AlertRecord a) => new
    {
        key = a.Condition.Key,
        kind = a.Condition.Kind,
        subject = a.Condition.Subject,
        audience = a.Condition.Audience == AlertAudience.Residents ? "residents" : "operator",
        message = a.Condition.Message,
        raised_at = ReadingCodec.FormatTime(a.RaisedAt),
        last_sent_at = ReadingCodec.FormatTime(a.LastSentAt),
        reminders = a.Reminders,
        cleared_at = a.ClearedAt is { } c ? ReadingCodec.FormatTime(c) : null,
    };

    public static object Of(AlertNotice n) => new
    {
        @event = n.Event.ToString().ToLowerInvariant(),
        at = ReadingCodec.FormatTime(n.At),
        alert = Of(n.Alert),
    };

    /// <summary>The retained state on lustrac/v1/{site}/alerts: every open alert.</summary>
    public static byte[] State(string site, DateTimeOffset at, IEnumerable<AlertRecord> open) =>
        JsonSerializer.SerializeToUtf8Bytes(new { site, generated_at = ReadingCodec.FormatTime(at), open = open.Select(Of) }, Options);
}
