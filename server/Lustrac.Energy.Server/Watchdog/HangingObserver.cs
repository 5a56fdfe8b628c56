using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Watchdog;

/// <summary>
/// Test-only fault after the store: with <c>Watchdog:HangAt after-store</c> and the hang file present, it blocks
/// ingest's acknowledging thread the way a stuck subscriber would. Does nothing otherwise.
/// </summary>
public sealed class HangingObserver(IngestProgress progress) : IStoredBatchObserver
{
    public void OnStored(IReadOnlyList<StoredReading> batch) => progress.HangHere(ServerWatchdogSettings.HangAfterStore);
}
