namespace Lustrac.Energy.Gateway.Watchdog;

/// <summary>Bound from the "Watchdog" section. The heartbeat period itself comes from systemd (WatchdogSec= of the unit).</summary>
public sealed class WatchdogSettings
{
    /// <summary>The longest one device read may take before its poll loop counts as hung; default: the Modbus timeout × attempts + 5 s.</summary>
    public double? ReadLimitSeconds { get; set; }

    /// <summary>How long the outbox may hold messages, connected to the broker, without one being acknowledged.</summary>
    public double DrainLimitSeconds { get; set; } = 120;

    /// <summary>Test-only fault: while this file exists every device read hangs, as a stuck driver would.</summary>
    public string? HangWhileFileExists { get; set; }
}
