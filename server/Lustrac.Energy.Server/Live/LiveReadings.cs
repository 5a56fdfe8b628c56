using System.Collections.Concurrent;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Live;

/// <summary>The latest stored reading per (device, quantity), for the live view. Updated only after the store accepted it.</summary>
public sealed class LiveReadings
{
    private readonly ConcurrentDictionary<(string Device, string Quantity), StoredReading> _latest = new();

    public event Action<StoredReading>? Updated;

    public void Accept(IEnumerable<StoredReading> readings)
    {
        foreach (var r in readings)
        {
            var stored = _latest.AddOrUpdate((r.Device, r.Quantity), r, (_, old) => r.Time >= old.Time ? r : old);
            if (ReferenceEquals(stored, r)) Updated?.Invoke(r);
        }
    }

    public IReadOnlyCollection<StoredReading> Snapshot() => _latest.Values.ToList();
}
