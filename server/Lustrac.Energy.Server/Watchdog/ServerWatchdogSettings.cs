namespace Lustrac.Energy.Server.Watchdog;

/// <summary>Bound from the "Watchdog" section. The heartbeat period itself comes from systemd (WatchdogSec= of the unit).</summary>
public sealed class ServerWatchdogSettings
{
    /// <summary>The test-only hang places <see cref="HangAt"/> accepts.</summary>
    public static readonly string[] HangPlaces = [HangInStoreWrite, HangInValidation, HangAfterStore];

    public const string HangInStoreWrite = "store-write";
    public const string HangInValidation = "validation";
    public const string HangAfterStore = "after-store";

    /// <summary>The longest one store write may take before ingest counts as hung (InfluxDB requests time out after 30 s).</summary>
    public double WriteLimitSeconds { get; set; } = 120;

    /// <summary>
    /// The longest any other step of ingest may take before it counts as hung: validating one message, turning queued
    /// messages into a batch and finishing it after its write, acknowledging a stored batch and handing it to what follows.
    /// </summary>
    public double StepLimitSeconds { get; set; } = 60;

    /// <summary>How far behind its schedule the interval closing may fall, the store healthy, before it counts as hung.</summary>
    public double FiguresLimitSeconds { get; set; } = 600;

    /// <summary>Test-only fault: while this file exists ingest hangs at <see cref="HangAt"/>, as a stuck step would.</summary>
    public string? HangWhileFileExists { get; set; }

    /// <summary>Where the test-only hang happens: one of <see cref="HangPlaces"/> (default: in every store write).</summary>
    public string HangAt { get; set; } = HangInStoreWrite;
}
