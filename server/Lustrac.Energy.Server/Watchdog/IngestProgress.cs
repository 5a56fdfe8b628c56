using Lustrac.Energy.Protocol.Systemd;

namespace Lustrac.Energy.Server.Watchdog;

/// <summary>
/// Ingest's progress as the watchdog sees it, one loop per thread of work, so a hang anywhere in ingest stops the
/// heartbeat: <see cref="Receive"/> (validating each message as it arrives), <see cref="Loop"/> (the write loop:
/// every turn, from taking a batch off the queue to handing it on, the store write within its own limit) and
/// <see cref="AfterStore"/> (acknowledging a stored batch and calling what follows the store). Idle is not a hang:
/// an empty queue or an empty subscription may stay so forever.
/// </summary>
public sealed class IngestProgress(ProgressGate gate, ServerWatchdogSettings settings)
{
    public ProgressLoop Receive { get; } = gate.Loop("ingest receive", Timeout.InfiniteTimeSpan);

    public ProgressLoop Loop { get; } = gate.Loop("ingest", Timeout.InfiniteTimeSpan);

    public ProgressLoop AfterStore { get; } = gate.Loop("ingest after store", Timeout.InfiniteTimeSpan);

    public TimeSpan WriteLimit => TimeSpan.FromSeconds(settings.WriteLimitSeconds);

    public TimeSpan StepLimit => TimeSpan.FromSeconds(settings.StepLimitSeconds);

    /// <summary>Test-only: waits while the hang file exists if <paramref name="place"/> is where the test hangs ingest.</summary>
    public async Task HangHereAsync(string place, CancellationToken ct)
    {
        if (Hangs(place))
            while (File.Exists(settings.HangWhileFileExists)) await Task.Delay(100, ct).ConfigureAwait(false);
    }

    /// <summary>Test-only, for code that cannot await (a stored-batch observer): blocks its thread instead.</summary>
    public void HangHere(string place)
    {
        if (Hangs(place))
            while (File.Exists(settings.HangWhileFileExists)) Thread.Sleep(100);
    }

    private bool Hangs(string place) => settings.HangWhileFileExists is not null && settings.HangAt == place;
}
