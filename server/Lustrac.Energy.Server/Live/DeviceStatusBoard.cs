using System.Collections.Concurrent;
using System.Text.Json;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Server.Live;

/// <summary>The last status each gateway published for each of its devices (up/down, since when, why).</summary>
public sealed class DeviceStatusBoard
{
    public sealed record Status(string Gateway, string Device, string State, string? Since, string? Error, long FailedReads);

    private readonly ConcurrentDictionary<string, Status> _byDevice = new(StringComparer.Ordinal);

    public bool TryAccept(string topic, ReadOnlySpan<byte> payload, out string error)
    {
        if (!Topics.TryParse(topic, out var address, out _, out error)) return false;
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            var state = root.GetProperty("state").GetString();
            if (state is not ("up" or "down")) { error = "status 'state' must be up or down"; return false; }
            _byDevice[address.Device] = new Status(address.Gateway, address.Device, state,
                root.TryGetProperty("since", out var s) ? s.GetString() : null,
                root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
                root.TryGetProperty("failed_reads", out var f) && f.TryGetInt64(out var n) ? n : 0);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            error = $"status payload is not valid: {ex.Message}";
            return false;
        }
    }

    public Status? For(string device) => _byDevice.TryGetValue(device, out var s) ? s : null;
    public IReadOnlyCollection<Status> All() => _byDevice.Values.ToList();
}
