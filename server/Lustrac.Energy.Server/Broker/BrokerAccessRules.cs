using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Broker;

/// <summary>
/// The same rules as the shipped Mosquitto ACL (deploy/mosquitto/make-users.sh), for the embedded broker:
/// each gateway (user name = gateway id) publishes only under <c>lustrac/v1/&lt;site&gt;/&lt;gateway&gt;/#</c> and
/// subscribes to nothing; the server user subscribes under <c>lustrac/v1/#</c> and publishes only the open alerts on <c>lustrac/v1/&lt;site&gt;/alerts</c>; any
/// other user may do nothing.
/// </summary>
public sealed class BrokerAccessRules(SiteModel site, string serverUser)
{
    private static readonly string V1Prefix = $"{Topics.Root}/{Topics.Version}/";
    private readonly HashSet<string> _gateways = site.Gateways.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);

    public bool IsKnownUser(string? user) => user is not null && (user == serverUser || _gateways.Contains(user));

    public bool MayPublish(string? user, string topic) =>
        (user is not null && _gateways.Contains(user) && topic.StartsWith($"{V1Prefix}{site.Site.Id}/{user}/", StringComparison.Ordinal))
        || (user == serverUser && topic == Alerts.AlertTopicPublisher.Topic(site.Site.Id)); // the retained list of open alerts

    public bool MaySubscribe(string? user, string topicFilter) =>
        user == serverUser && (topicFilter == $"{Topics.Root}/{Topics.Version}/#" || topicFilter.StartsWith(V1Prefix, StringComparison.Ordinal));
}
