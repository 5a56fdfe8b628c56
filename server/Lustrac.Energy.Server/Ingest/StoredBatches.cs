using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Something that must happen after readings are durable: the live view, the autonomy recalculation. Registered in DI
/// as an <see cref="IStoredBatchObserver"/>; ingest knows none of them, only <see cref="StoredBatches"/>.
/// </summary>
public interface IStoredBatchObserver
{
    /// <summary>
    /// A batch the store accepted, after its messages were acknowledged; batches come one at a time, in arrival order.
    /// Runs on ingest's acknowledging thread while the next batch is written: queue anything slow elsewhere.
    /// </summary>
    void OnStored(IReadOnlyList<StoredReading> batch);
}

/// <summary>
/// The one seam after the store: hands every stored batch to each registered observer. An observer that throws is
/// logged and the others still run: the readings are stored and acknowledged, so a bug in what follows must not stop
/// ingest (before, it ended the write loop and left every later message unacknowledged).
/// </summary>
public sealed class StoredBatches(IEnumerable<IStoredBatchObserver> observers, ILogger<StoredBatches> log)
{
    private readonly IStoredBatchObserver[] _observers = observers.ToArray();

    public IReadOnlyList<IStoredBatchObserver> Observers => _observers;

    public void Publish(IReadOnlyList<StoredReading> batch)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnStored(batch);
            }
            catch (Exception ex)
            {
                log.LogError(ex, "{Observer} failed on a stored batch of {Count} readings; the readings are stored", observer.GetType().Name, batch.Count);
            }
        }
    }
}
