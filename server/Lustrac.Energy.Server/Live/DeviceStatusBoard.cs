using System.Collections.Concurrent;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Ingest;

namespace Lustrac.Energy.Server.Live;

/// <summary>
/// The last status each gateway published for each of its devices (up/down, since when, why, failures in a row).
/// Only a device of the site file, on its own gateway's topic, with a payload the contract allows, gets here;
/// anything else is refused with a reason for the quarantine, like a reading.
/// </summary>
public sealed class DeviceStatusBoard(SiteModel site)
{
    public sealed record Status(string Gateway, string Device, string State, string Since, string? Error, long ConsecutiveFailures);

    private readonly TopicOrigin _origin = new(site);
    private readonly ConcurrentDictionary<string, Status> _byDevice = new(StringComparer.Ordinal);

    public bool TryAccept(string topic, ReadOnlySpan<byte> payload, out Refusal refusal)
    {
        if (!_origin.TryResolve(topic, Topics.StatusLeaf, out var device, out refusal)) return false;
        if (!StatusCodec.TryDecode(payload, out var status, out var error))
        {
            refusal = new Refusal(RefusalCategory.Status, error);
            return false;
        }
        _byDevice[device.Id] = new Status(device.Gateway, device.Id, status.State, ReadingCodec.FormatTime(status.Since), status.Error, status.ConsecutiveFailures);
        return true;
    }

    public Status? For(string device) => _byDevice.TryGetValue(device, out var s) ? s : null;
    public IReadOnlyCollection<Status> All() => _byDevice.Values.ToList();
}
