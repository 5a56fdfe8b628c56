using System.Collections.Concurrent;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Live;

/// <summary>The latest stored reading per (device, quantity), for the live view. Updated only after the store accepted it.</summary>
public sealed class LiveReadings : IStoredBatchObserver
{
    private readonly ConcurrentDictionary<(string Device, string Quantity), StoredReading> _latest = new();

    /// <summary>Each reading that became the latest of its device and quantity.</summary>
    public event Action<StoredReading>? Updated;

    /// <summary>Once per accepted batch that updated anything, after every <see cref="Updated"/> of it.</summary>
    public event Action? BatchUpdated;

    public void Accept(IEnumerable<StoredReading> readings)
    {
        var updated = false;
        foreach (var r in readings)
        {
            var stored = _latest.AddOrUpdate((r.Device, r.Quantity), static (_, fresh) => fresh, static (_, old, fresh) => fresh.Time >= old.Time ? fresh : old, r);
            if (!ReferenceEquals(stored, r)) continue;
            updated = true;
            Updated?.Invoke(r);
        }
        if (updated) BatchUpdated?.Invoke();
    }

    void IStoredBatchObserver.OnStored(IReadOnlyList<StoredReading> batch) => Accept(batch);

    public IReadOnlyCollection<StoredReading> Snapshot() => _latest.Values.ToList();
}
