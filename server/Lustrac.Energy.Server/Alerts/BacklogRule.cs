using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// A gateway whose readings reach the store long after they were read is draining a backlog from its outbox (it was
/// cut off, or its link is too slow). Gateways do not publish their outbox size in their status, so this is the
/// server's view: the age of the newest reading heard from the gateway recently, against
/// <see cref="AlertSettings.BacklogMinutes"/>. It clears once the gateway has caught up (and a silent gateway is the
/// silence rule's, not this one's).
/// </summary>
public sealed class BacklogRule(SiteModel site, ArrivalLog arrivals, AlertSettings settings) : IAlertRule
{
    public Task<IReadOnlyList<AlertCondition>> EvaluateAsync(DateTimeOffset now, CancellationToken ct)
    {
        var limit = TimeSpan.FromMinutes(settings.BacklogMinutes);
        var recent = TimeSpan.FromMinutes(settings.SilentMinutes);
        var found = new List<AlertCondition>();
        foreach (var gateway in site.Gateways)
        {
            var heard = site.Devices.Where(d => d.Gateway == gateway.Id)
                .Select(d => arrivals.For(d.Id)).OfType<ArrivalLog.Arrival>()
                .Where(a => now - a.ArrivedAt <= recent).ToList();
            if (heard.Count == 0) continue;
            // The freshest reading of the gateway: a single lagging device is a clock problem, not a backlog.
            var freshest = heard.MaxBy(a => a.ReadAt)!;
            if (freshest.Lag <= limit) continue;
            found.Add(new AlertCondition($"{AlertKinds.DeliveryBacklog}:{gateway.Id}", AlertKinds.DeliveryBacklog, gateway.Id, AlertAudience.Operator,
                $"Gateway {gateway.Id} is delivering readings {AlertText.Duration(freshest.Lag)} after they were read (newest read at {AlertText.Time(freshest.ReadAt)}): " +
                "its outbox holds a backlog. If this lasts, check its network link; the outbox keeps everything until its size limit."));
        }
        return Task.FromResult<IReadOnlyList<AlertCondition>>(found);
    }
}
