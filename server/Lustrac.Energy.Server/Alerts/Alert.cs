namespace Lustrac.Energy.Server.Alerts;

/// <summary>Who may be told: residents (shared figures, no household data) or the working group's operators only.</summary>
public enum AlertAudience { Operator, Residents }

/// <summary>
/// A cause a rule sees now. <see cref="Key"/> identifies the cause across evaluations (e.g. "tank_low:tank-1"), so the
/// same cause seen again keeps one alert open instead of raising a new one.
/// </summary>
/// <param name="Subject">What it concerns: a gateway, a device, a tank, a pile, the site.</param>
/// <param name="Message">One sentence the working group can act on.</param>
public sealed record AlertCondition(string Key, string Kind, string Subject, AlertAudience Audience, string Message);

/// <summary>An alert as the book keeps it: raised once, reminded at a bounded rate, cleared when its cause goes.</summary>
public sealed record AlertRecord(AlertCondition Condition, DateTimeOffset RaisedAt, DateTimeOffset LastSentAt, int Reminders, DateTimeOffset? ClearedAt)
{
    public bool IsOpen => ClearedAt is null;
}

public enum AlertEvent { Raised, Reminder, Cleared }

/// <summary>What the channels deliver: one event of one alert.</summary>
public sealed record AlertNotice(AlertEvent Event, AlertRecord Alert, DateTimeOffset At);

/// <summary>The alert kinds, as they appear in the API, the MQTT state, e-mails and metrics.</summary>
public static class AlertKinds
{
    public const string GatewaySilent = "gateway_silent";
    public const string DeviceSilent = "device_silent";
    public const string DeviceDown = "device_down";
    public const string DeliveryBacklog = "delivery_backlog";
    public const string StoreFailing = "store_failing";
    public const string TankLow = "tank_low";
    public const string CompostAtRisk = "compost_at_risk";
    public const string MonthBehindTarget = "month_behind_target";

    public static readonly string[] All = [GatewaySilent, DeviceSilent, DeviceDown, DeliveryBacklog, StoreFailing, TankLow, CompostAtRisk, MonthBehindTarget];
}
