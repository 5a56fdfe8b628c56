namespace Lustrac.Energy.Server.Alerts;

/// <summary>What one evaluation has to tell: its notices (raised, reminders, cleared) and every alert still open.</summary>
public sealed record AlertDelivery(string Site, DateTimeOffset At, IReadOnlyList<AlertNotice> Notices, IReadOnlyList<AlertRecord> Open);

/// <summary>
/// A way of telling the working group. One call per evaluation that has notices, so a fault touching thirty devices
/// is one e-mail, not thirty. A failed delivery is logged and not retried: the reminder comes at the next period.
/// </summary>
public interface IAlertChannel
{
    string Name { get; }
    Task DeliverAsync(AlertDelivery delivery, CancellationToken ct);
}
