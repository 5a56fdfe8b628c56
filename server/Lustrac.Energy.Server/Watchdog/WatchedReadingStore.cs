using Lustrac.Energy.Protocol.Systemd;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Watchdog;

/// <summary>
/// The store as ingest sees it, reporting each write on the ingest progress loop: a write must end (stored or
/// failed: ingest retries failures itself) within the write limit, and the rest of the write loop's turn within the
/// step limit (<see cref="Ingest.IngestWriteLoop"/> says when it is idle again).
/// </summary>
public sealed class WatchedReadingStore(IReadingStore inner, IngestProgress progress) : IReadingStore
{
    public Task InitialiseAsync(CancellationToken ct) => inner.InitialiseAsync(ct);

    public async Task WriteAsync(IReadOnlyList<StoredReading> batch, CancellationToken ct)
    {
        progress.Loop.Working(progress.WriteLimit, $"writing {batch.Count} readings");
        try
        {
            await progress.HangHereAsync(ServerWatchdogSettings.HangInStoreWrite, ct).ConfigureAwait(false);
            await inner.WriteAsync(batch, ct).ConfigureAwait(false);
        }
        finally
        {
            progress.Loop.Working(progress.StepLimit, $"finishing a batch of {batch.Count} readings after its store write");
        }
    }

    public Task<IReadOnlyList<StoredReading>> ReadAsync(string device, string quantity, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        inner.ReadAsync(device, quantity, from, to, ct);

    public Task<IReadOnlyDictionary<string, List<ReadingPoint>>> ReadQuantityAsync(string quantity, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        inner.ReadQuantityAsync(quantity, from, to, ct);

    public Task<IReadOnlyDictionary<string, ReadingPoint>> ReadNearestAsync(
        string quantity, IReadOnlyCollection<string> devices, DateTimeOffset at, ReadingSide side, CancellationToken ct) =>
        inner.ReadNearestAsync(quantity, devices, at, side, ct);

    public Task DeleteDevicesAsync(IReadOnlyCollection<string> devices, CancellationToken ct) => inner.DeleteDevicesAsync(devices, ct);
}
