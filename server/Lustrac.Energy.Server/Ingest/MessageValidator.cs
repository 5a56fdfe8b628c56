using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Turns an MQTT message into stored readings, or a reason to refuse it. Pure: no I/O, so every rule is
/// tested on its own. The site model says which devices exist and where they belong.
/// </summary>
public sealed class MessageValidator(SiteModel site, TimeProvider clock, TimeSpan? retention = null)
{
    /// <summary>Readings stamped further ahead than this are refused: the gateway's clock is wrong.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Before this the gateway's clock cannot have been synchronised (a Pi without RTC boots in 1970).</summary>
    public static readonly DateTimeOffset EarliestPlausible = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// How far back the store keeps data (Store:RetentionDays); null keeps everything. Older readings are
    /// refused here with a reason, rather than silently dropped by the store (InfluxDB answers a partial write).
    /// </summary>
    public TimeSpan? Retention { get; } = retention is { Ticks: > 0 } ? retention : null;

    private readonly TopicOrigin _origin = new(site);

    /// <summary>Every device's own readings topic: the one lookup a valid message costs, instead of splitting its topic.</summary>
    private readonly Dictionary<string, Device> _devicesByReadingsTopic = site.Devices.ToDictionary(
        d => Topics.Readings(new DeviceAddress(site.Site.Id, d.Gateway, d.Id)), StringComparer.Ordinal);

    public bool TryValidate(string topic, ReadOnlySpan<byte> payload, out List<StoredReading> readings, out Refusal refusal)
    {
        readings = [];
        if (!_devicesByReadingsTopic.TryGetValue(topic, out var device) && !_origin.TryResolve(topic, Topics.ReadingsLeaf, out device, out refusal)) return false;
        if (payload.Length > ReadingCodec.MaxPayloadBytes)
            return Fail(RefusalCategory.TooLarge, $"payload is {payload.Length} bytes, the limit is {ReadingCodec.MaxPayloadBytes}", out refusal);
        if (!ReadingCodec.TryDecode(payload, out var message, out var reason)) return Fail(RefusalCategory.Payload, reason, out refusal);

        var now = clock.GetUtcNow();
        if (message.Time < EarliestPlausible)
            return Fail(RefusalCategory.Clock, $"time {Time(message)} is before {EarliestPlausible:yyyy-MM-dd}: the gateway's clock was not synchronised", out refusal);
        if (message.Time > now + MaxFutureSkew)
            return Fail(RefusalCategory.Clock, $"time {Time(message)} is more than {MaxFutureSkew.TotalMinutes} minutes ahead of the server's clock", out refusal);
        if (Retention is { } keep && message.Time < now - keep)
            return Fail(RefusalCategory.Clock, $"time {Time(message)} is older than the store's retention of {keep.TotalDays:0.##} days (Store:RetentionDays): the store would drop it", out refusal);

        readings.Capacity = message.Readings.Count;
        for (var i = 0; i < message.Readings.Count; i++)
        {
            var r = message.Readings[i];
            QuantityVocabulary.TryGet(r.Quantity, out var q);
            // A reading the gateway already flagged bad is kept as a record; anything else must be plausible.
            if (r.Quality != ReadingQuality.Bad && (r.Value < q.Min || r.Value > q.Max))
                return Fail(RefusalCategory.Range, $"{r.Quantity} = {r.Value} {r.Unit} is outside the plausible range [{q.Min}, {q.Max}]", out refusal);
            // The site model's own strings (equal to the topic's): the store's series cache then matches them by reference.
            readings.Add(new StoredReading(site.Site.Id, device.Gateway, device.Id, device.Role, device.Household, device.Asset,
                r.Quantity, r.Unit, message.Time, r.Value, r.Quality, message.Seq));
        }
        refusal = new Refusal("", "");
        return true;
    }

    private static string Time(ReadingMessage message) => ReadingCodec.FormatTime(message.Time);

    private static bool Fail(string category, string why, out Refusal refusal)
    {
        refusal = new Refusal(category, why);
        return false;
    }
}
