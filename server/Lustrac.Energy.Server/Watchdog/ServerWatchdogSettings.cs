namespace Lustrac.Energy.Server.Watchdog;

/// <summary>Bound from the "Watchdog" section. The heartbeat period itself comes from systemd (WatchdogSec= of the unit).</summary>
public sealed class ServerWatchdogSettings
{
    /// <summary>The longest one store write may take before ingest counts as hung (InfluxDB requests time out after 30 s).</summary>
    public double WriteLimitSeconds { get; set; } = 120;

    /// <summary>How far behind its schedule the interval closing may fall, the store healthy, before it counts as hung.</summary>
    public double FiguresLimitSeconds { get; set; } = 600;

    /// <summary>Test-only fault: while this file exists every store write of ingest hangs, as a stuck store client would.</summary>
    public string? HangWhileFileExists { get; set; }
}
