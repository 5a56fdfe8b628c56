using System.Buffers;
using System.Text.Json;

namespace Lustrac.Energy.Protocol.Messages;

/// <summary>
/// Health of one device, published retained on <c>lustrac/v1/{site}/{gateway}/{device}/status</c>:
/// <see cref="State"/> up or down, <see cref="Since"/> when it entered that state (the first failed read of a down
/// device), the last error while down, and how many reads in a row have failed (0 while up).
/// </summary>
public sealed record DeviceStatus(string State, DateTimeOffset Since, string? Error, long ConsecutiveFailures)
{
    public const string Up = "up";
    public const string Down = "down";
}

/// <summary>
/// JSON codec of the status payload (contract v1), held to the same byte rules as readings:
/// <code>{"state":"down","since":"2026-06-21T10:15:00.000Z","error":"timeout","consecutive_failures":3,"seq":17}</code>
/// Unknown fields are ignored; <c>seq</c> (the outbox's number, for the record) is optional.
/// </summary>
public static class StatusCodec
{
    /// <summary>A status is a few dozen bytes; an error text is cut to this length by the encoder.</summary>
    public const int MaxErrorLength = 500;
    public const int MaxPayloadBytes = 4096;

    public static byte[] Encode(DeviceStatus status, ulong seq)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("state", status.State);
            w.WriteString("since", ReadingCodec.FormatTime(status.Since));
            if (status.Error is null) w.WriteNull("error");
            else w.WriteString("error", status.Error.Length <= MaxErrorLength ? status.Error : status.Error[..MaxErrorLength]);
            w.WriteNumber("consecutive_failures", status.ConsecutiveFailures);
            w.WriteNumber("seq", seq);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static bool TryDecode(ReadOnlySpan<byte> payload, out DeviceStatus status, out string error)
    {
        status = null!;
        if (payload.Length > MaxPayloadBytes) return Fail($"status payload is {payload.Length} bytes, the limit is {MaxPayloadBytes}", out error);
        if (!WireBytes.TryCheck(payload, out error)) return false;
        try
        {
            using var doc = JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("status must be a JSON object", out error);
            var state = root.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (state is not (DeviceStatus.Up or DeviceStatus.Down)) return Fail("status 'state' must be \"up\" or \"down\"", out error);
            if (!root.TryGetProperty("since", out var since) || since.ValueKind != JsonValueKind.String
                || !ReadingCodec.TryParseTime(since.GetString()!, out var sinceTime))
                return Fail("status 'since' must be an RFC 3339 timestamp with a zone, e.g. \"2026-06-21T10:15:00Z\"", out error);
            string? text = null;
            if (root.TryGetProperty("error", out var e) && e.ValueKind != JsonValueKind.Null)
            {
                if (e.ValueKind != JsonValueKind.String) return Fail("status 'error' must be a string or null", out error);
                text = e.GetString();
                if (text!.Length > MaxErrorLength) return Fail($"status 'error' is longer than {MaxErrorLength} characters", out error);
            }
            if (!root.TryGetProperty("consecutive_failures", out var f) || f.ValueKind != JsonValueKind.Number
                || !f.TryGetInt64(out var failures) || failures < 0)
                return Fail("status 'consecutive_failures' must be an integer from 0 to " + long.MaxValue, out error);
            if (state == DeviceStatus.Up && failures != 0) return Fail("an 'up' status has 0 consecutive failures", out error);
            status = new DeviceStatus(state, sinceTime, text, failures);
            error = "";
            return true;
        }
        catch (JsonException ex)
        {
            return Fail($"status payload is not valid JSON: {ex.Message}", out error);
        }
        catch (InvalidOperationException ex)
        {
            return Fail($"status payload has a string that is not valid text: {ex.Message}", out error);
        }
    }

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}
