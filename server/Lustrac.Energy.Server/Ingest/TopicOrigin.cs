using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Which device of the site file a topic speaks for, and whether the gateway in the topic is the device's own: the
/// broker lets a gateway write anywhere in its own subtree, so it could otherwise speak for another gateway's
/// device or invent one. Readings and status follow the same rule.
/// </summary>
public sealed class TopicOrigin(SiteModel site)
{
    private readonly Dictionary<string, Device> _devices = site.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public bool TryResolve(string topic, string expectedLeaf, out Device device, out Refusal refusal)
    {
        device = null!;
        if (!Topics.TryParse(topic, out var address, out var leaf, out var reason)) return Fail(RefusalCategory.Topic, reason, out refusal);
        if (leaf != expectedLeaf) return Fail(RefusalCategory.Topic, $"'{leaf}' messages are not {expectedLeaf}", out refusal);
        if (address.Site != site.Site.Id)
            return Fail(RefusalCategory.Origin, $"site '{address.Site}' is not this server's site '{site.Site.Id}'", out refusal);
        if (!_devices.TryGetValue(address.Device, out device!))
            return Fail(RefusalCategory.Origin, $"device '{address.Device}' is not in the site file", out refusal);
        if (device.Gateway != address.Gateway)
            return Fail(RefusalCategory.Origin, $"device '{address.Device}' belongs to gateway '{device.Gateway}', not '{address.Gateway}'", out refusal);
        refusal = new Refusal("", "");
        return true;
    }

    private static bool Fail(string category, string why, out Refusal refusal)
    {
        refusal = new Refusal(category, why);
        return false;
    }
}
