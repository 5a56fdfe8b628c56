using Lustrac.Energy.Server.Ingest;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// The store refusing or failing writes: ingest then retries without acknowledging, so nothing is lost yet, but the
/// broker's queue and the gateways' outboxes are filling. Raised while the last store operation failed.
/// </summary>
public sealed class StoreRule(IngestStatistics stats) : IAlertRule
{
    public Task<IReadOnlyList<AlertCondition>> EvaluateAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (stats.StoreHealthy) return Task.FromResult<IReadOnlyList<AlertCondition>>([]);
        var since = stats.LastStoredAt is { } t ? $"; last successful write at {AlertText.Time(t)}" : "";
        return Task.FromResult<IReadOnlyList<AlertCondition>>([new AlertCondition(AlertKinds.StoreFailing, AlertKinds.StoreFailing, "store", AlertAudience.Operator,
            $"The store is failing ({stats.StoreFailures} failed writes so far{since}): {stats.LastStoreError}. " +
            "Readings wait in the broker and the gateways' outboxes; check the database service and its disk.")]);
    }
}
