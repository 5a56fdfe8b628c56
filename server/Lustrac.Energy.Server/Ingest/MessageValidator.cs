using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Turns an MQTT message into stored readings, or a reason to refuse it. Pure: no I/O, so every rule is
/// tested on its own. The site model says which devices exist and where they belong.
/// </summary>
public sealed class MessageValidator(SiteModel site, TimeProvider clock)
{
    /// <summary>Readings stamped further ahead than this are refused: the gateway's clock is wrong.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Before this the gateway's clock cannot have been synchronised (a Pi without RTC boots in 1970).</summary>
    public static readonly DateTimeOffset EarliestPlausible = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, Device> _devices = site.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public bool TryValidate(string topic, ReadOnlySpan<byte> payload, out List<StoredReading> readings, out string reason)
    {
        readings = [];
        if (!Topics.TryParse(topic, out var address, out var leaf, out reason)) return false;
        if (leaf != Topics.ReadingsLeaf) return Fail($"'{leaf}' messages are not readings", out reason);
        if (address.Site != site.Site.Id)
            return Fail($"site '{address.Site}' is not this server's site '{site.Site.Id}'", out reason);
        if (!_devices.TryGetValue(address.Device, out var device))
            return Fail($"device '{address.Device}' is not in the site file", out reason);
        if (device.Gateway != address.Gateway)
            return Fail($"device '{address.Device}' belongs to gateway '{device.Gateway}', not '{address.Gateway}'", out reason);
        if (!ReadingCodec.TryDecode(payload, out var message, out reason)) return false;

        var now = clock.GetUtcNow();
        if (message.Time < EarliestPlausible)
            return Fail($"time {ReadingCodec.FormatTime(message.Time)} is before {EarliestPlausible:yyyy-MM-dd}: the gateway's clock was not synchronised", out reason);
        if (message.Time > now + MaxFutureSkew)
            return Fail($"time {ReadingCodec.FormatTime(message.Time)} is more than {MaxFutureSkew.TotalMinutes} minutes ahead of the server's clock", out reason);

        foreach (var r in message.Readings)
        {
            QuantityVocabulary.TryGet(r.Quantity, out var q);
            // A reading the gateway already flagged bad is kept as a record; anything else must be plausible.
            if (r.Quality != ReadingQuality.Bad && (r.Value < q.Min || r.Value > q.Max))
                return Fail($"{r.Quantity} = {r.Value} {r.Unit} is outside the plausible range [{q.Min}, {q.Max}]", out reason);
            readings.Add(new StoredReading(address.Site, address.Gateway, address.Device, device.Role, device.Household, device.Asset,
                r.Quantity, r.Unit, message.Time, r.Value, r.Quality, message.Seq));
        }
        reason = "";
        return true;
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}
