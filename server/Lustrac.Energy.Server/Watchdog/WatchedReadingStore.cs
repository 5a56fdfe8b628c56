using Lustrac.Energy.Protocol.Systemd;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Watchdog;

/// <summary>
/// The store as ingest sees it, reporting each write on the ingest progress loop: a write must end (stored or
/// failed: ingest retries failures itself) within the write limit; between writes ingest may stay idle.
/// </summary>
public sealed class WatchedReadingStore(IReadingStore inner, IngestProgress progress) : IReadingStore
{
    public Task InitialiseAsync(CancellationToken ct) => inner.InitialiseAsync(ct);

    public async Task WriteAsync(IReadOnlyList<StoredReading> batch, CancellationToken ct)
    {
        progress.Loop.Working(progress.WriteLimit, $"writing {batch.Count} readings");
        try
        {
            if (progress.HangFile is string hang)
                while (File.Exists(hang)) await Task.Delay(100, ct).ConfigureAwait(false);
            await inner.WriteAsync(batch, ct).ConfigureAwait(false);
        }
        finally
        {
            progress.Loop.Waiting(Timeout.InfiniteTimeSpan);
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

/// <summary>The ingest loop's progress, shared by every instance of the watched store.</summary>
public sealed class IngestProgress(ProgressGate gate, ServerWatchdogSettings settings)
{
    public ProgressLoop Loop { get; } = gate.Loop("ingest", Timeout.InfiniteTimeSpan);
    public TimeSpan WriteLimit => TimeSpan.FromSeconds(settings.WriteLimitSeconds);
    public string? HangFile => settings.HangWhileFileExists;
}
