namespace Lustrac.Energy.Server.Ingest;

/// <summary>Counters for /health and /metrics. Written by ingest, read by the API.</summary>
public sealed class IngestStatistics
{
    private long _messages, _readings, _storeFailures;
    public long MessagesStored => Interlocked.Read(ref _messages);
    public long ReadingsStored => Interlocked.Read(ref _readings);
    public long StoreFailures => Interlocked.Read(ref _storeFailures);
    public volatile bool BrokerConnected;
    public volatile bool StoreHealthy = true;
    public DateTimeOffset? LastStoredAt { get; private set; }
    public string? LastStoreError { get; private set; }

    public void Stored(int messages, int readings, DateTimeOffset at)
    {
        Interlocked.Add(ref _messages, messages);
        Interlocked.Add(ref _readings, readings);
        LastStoredAt = at;
        StoreHealthy = true;
    }

    public void StoreFailed(string error)
    {
        Interlocked.Increment(ref _storeFailures);
        LastStoreError = error;
        StoreHealthy = false;
    }
}
