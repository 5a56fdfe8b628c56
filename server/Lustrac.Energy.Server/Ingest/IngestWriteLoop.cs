using System.Buffers;
using System.Threading.Channels;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Watchdog;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Takes queued messages in batches of up to <see cref="MqttIngestSettings.MaxBatchReadings"/> readings, writes each batch
/// to the store (outages retried forever; a batch the store refuses is written again message by message), and only then
/// acknowledges its messages and hands the batch to <see cref="StoredBatches"/>. Says whether it drains a backlog
/// through <see cref="IngestPressure"/>.
/// </summary>
public sealed class IngestWriteLoop(
    MqttIngestSettings settings, ChannelReader<PendingMessage> pending, IReadingStore store, Quarantine quarantine,
    IngestStatistics stats, IngestPressure pressure, StoredBatches stored, IngestProgress progress, TimeProvider clock, ILogger log)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var batch = new List<PendingMessage>();
        var readings = new List<StoredReading>(settings.MaxBatchReadings);
        var acknowledging = Task.CompletedTask;
        try
        {
            // Every turn promises to end within the step limit (the store write within its own); between turns it may idle.
            progress.Loop.Waiting(Timeout.InfiniteTimeSpan);
            while (await pending.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                progress.Loop.Working(progress.StepLimit, "taking a batch off the queue");
                batch.Clear();
                readings.Clear();
                while (readings.Count < settings.MaxBatchReadings && pending.TryRead(out var next))
                {
                    batch.Add(next);
                    readings.AddRange(next.Readings);
                }
                pressure.Report(readings.Count >= settings.MaxBatchReadings && pending.Count > 0);
                if (!await StoreWithRetryAsync(readings, ct).ConfigureAwait(false))
                    await StoreOneByOneAsync(batch, readings, ct).ConfigureAwait(false);
                stats.Stored(batch.Count, readings.Count, clock.GetUtcNow());
                // This batch is durable: its PUBACKs, then the observers, run on another thread while the next batch is
                // written (sending a PUBACK seldom yields, so without Task.Run they would delay it). Waiting for the
                // previous batch's turn first keeps PUBACKs, and the batches the observers see, in arrival order.
                var messages = batch.ToArray();
                var durable = readings.ToArray();
                progress.Loop.Working(progress.StepLimit, "waiting for the previous batch's acknowledgements");
                await acknowledging.ConfigureAwait(false);
                acknowledging = Task.Run(() => AfterStoreAsync(messages, durable, ct), CancellationToken.None);
                progress.Loop.Waiting(Timeout.InfiniteTimeSpan);
            }
            await acknowledging.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Unacknowledged messages stay with the broker and come back on the next start.
        }
        finally
        {
            pressure.Report(false);
        }
    }

    /// <summary>Retries outages until the store accepts; false if the store refused the data permanently.</summary>
    private async Task<bool> StoreWithRetryAsync(List<StoredReading> readings, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await store.WriteAsync(readings, ct).ConfigureAwait(false);
                return true;
            }
            catch (StoreException ex) when (ex.Permanent && !ct.IsCancellationRequested)
            {
                stats.StoreFailed(ex.Message);
                return false;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                stats.StoreFailed(ex.Message);
                log.LogWarning("Store write of {Count} readings failed ({Error}); retrying in {Delay:F1} s without acknowledging",
                    readings.Count, ex.Message, delay.TotalSeconds);
                progress.Loop.Waiting(delay + progress.StepLimit); // an outage is retried, not a hang
                await Task.Delay(delay, clock, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, delay.Ticks * 2));
            }
        }
    }

    /// <summary>
    /// A batch the store refused (e.g. InfluxDB HTTP 400) is written again message by message, so one bad message
    /// is quarantined with the store's reason instead of blocking every message behind it forever.
    /// On return <paramref name="readings"/> holds what was stored; every message of the batch may be acknowledged.
    /// </summary>
    private async Task StoreOneByOneAsync(List<PendingMessage> batch, List<StoredReading> readings, CancellationToken ct)
    {
        readings.Clear();
        foreach (var m in batch)
        {
            if (await StoreWithRetryAsync(m.Readings, ct).ConfigureAwait(false))
            {
                readings.AddRange(m.Readings);
                continue;
            }
            var topic = m.Delivery.ApplicationMessage.Topic;
            quarantine.Add(topic, m.Delivery.ApplicationMessage.Payload.ToArray(), new Refusal(RefusalCategory.StoreRefused, stats.LastStoreError ?? "refused by the store"));
            log.LogWarning("The store refused a message on {Topic}: {Error}", topic, stats.LastStoreError);
        }
    }

    private async Task AfterStoreAsync(PendingMessage[] messages, StoredReading[] durable, CancellationToken ct)
    {
        progress.AfterStore.Working(progress.StepLimit, $"acknowledging {messages.Length} messages and handing {durable.Length} readings on");
        try
        {
            foreach (var m in messages) await AcknowledgeAsync(m, ct).ConfigureAwait(false);
            stored.Publish(durable);
        }
        finally
        {
            progress.AfterStore.Waiting(Timeout.InfiniteTimeSpan);
        }
    }

    private async Task AcknowledgeAsync(PendingMessage m, CancellationToken ct)
    {
        try
        {
            await m.Delivery.AcknowledgeAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The connection that delivered it is gone; the broker will deliver it again and the store overwrites.
            log.LogDebug("Could not acknowledge a message ({Error}); it will be redelivered", ex.Message);
        }
    }
}
