using Lustrac.Energy.Gateway.Publishing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>
/// Drains the outbox to the broker at QoS 1, oldest first, a window of publishes at a time, and marks a
/// record acknowledged only on its PUBACK. After any failure everything unacknowledged is sent again
/// (MQTTnet 5 does not resend across reconnects); duplicates are harmless because storage is idempotent.
/// Also runs the outbox's periodic fsync.
/// </summary>
public sealed class OutboxPublisher(DiskOutbox outbox, OutboxSettings settings, MqttConnection mqtt, ILogger<OutboxPublisher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var flusher = FlushLoopAsync(stoppingToken);
        try
        {
            await PublishLoopAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await flusher.ConfigureAwait(false);
        await outbox.FlushAsync().ConfigureAwait(false);
        await mqtt.ResetAsync().ConfigureAwait(false);
    }

    private async Task FlushLoopAsync(CancellationToken ct)
    {
        var period = TimeSpan.FromMilliseconds(settings.FlushMilliseconds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await outbox.FlushAsync().ConfigureAwait(false);
                await Task.Delay(period, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (IOException ex)
            {
                log.LogError("Outbox flush failed: {Error}", ex.Message); // e.g. disk full: keep trying, never crash-loop
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task PublishLoopAsync(CancellationToken ct)
    {
        var lastSent = outbox.LowestUnacked - 1;
        while (!ct.IsCancellationRequested)
        {
            var batch = outbox.ReadDurableAfter(lastSent, settings.PublishWindow);
            if (batch.Count == 0)
            {
                await outbox.WaitForDurableAsync(lastSent, ct).ConfigureAwait(false);
                continue;
            }
            await mqtt.EnsureConnectedAsync(ct).ConfigureAwait(false);
            // Started in order from one thread, so they leave in order; awaited together for throughput.
            var publishes = batch.Select(r => PublishAsync(r, ct)).ToList();
            var results = await Task.WhenAll(publishes).ConfigureAwait(false);
            if (results.All(ok => ok))
            {
                lastSent = batch[^1].Id;
                continue;
            }
            lastSent = outbox.LowestUnacked - 1; // resend everything not acknowledged
            await mqtt.ResetAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> PublishAsync(OutboxRecord record, CancellationToken ct)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(record.Topic)
            .WithPayload(record.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(record.Topic.EndsWith("/status", StringComparison.Ordinal))
            .Build();
        try
        {
            var result = await mqtt.Client.PublishAsync(message, ct).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                outbox.MarkAcked(record.Id);
                return true;
            }
            // Refused by the broker (e.g. not authorised): keeping it would block the outbox forever. Say so loudly.
            log.LogError("Broker refused {Topic} (seq {Seq}): {Reason}; message dropped", record.Topic, record.Seq, result.ReasonCode);
            outbox.MarkAcked(record.Id);
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Publish of {Topic} seq {Seq} failed: {Error}", record.Topic, record.Seq, ex.Message);
            return false;
        }
    }
}
