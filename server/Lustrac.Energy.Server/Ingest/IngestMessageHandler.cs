using System.Buffers;
using System.Threading.Channels;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Watchdog;
using MQTTnet;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>A valid readings message waiting for the store; acknowledged only once its readings are durable.</summary>
public sealed record PendingMessage(List<StoredReading> Readings, MqttApplicationMessageReceivedEventArgs Delivery);

/// <summary>
/// Each message as it arrives: a status goes to the status board, valid readings queue for the store with their
/// acknowledgement held back, anything else is quarantined with its reason and acknowledged so it never blocks others.
/// The queue is bounded: when the store is slow this waits, and MQTT flow control pushes back on the broker.
/// </summary>
public sealed class IngestMessageHandler(
    string siteId, MessageValidator validator, DeviceStatusBoard statuses, Quarantine quarantine, SequenceTracker sequences,
    ChannelWriter<PendingMessage> pending, IngestProgress progress, ILogger log)
{
    private readonly string _alertsTopic = Alerts.AlertTopicPublisher.Topic(siteId);

    public async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken ct)
    {
        var topic = e.ApplicationMessage.Topic;
        if (topic == _alertsTopic) return; // the server's own retained alert list (Alerts/), inside the subtree it subscribes to
        List<StoredReading>? readings;
        progress.Receive.Working(progress.StepLimit, $"validating a message on {topic}");
        try
        {
            await progress.HangHereAsync(ServerWatchdogSettings.HangInValidation, ct).ConfigureAwait(false);
            readings = Accept(topic, e);
        }
        finally
        {
            progress.Receive.Waiting(Timeout.InfiniteTimeSpan); // the queue's wait below is back-pressure, not a hang
        }
        if (readings is null) return;
        e.AutoAcknowledge = false;
        await pending.WriteAsync(new PendingMessage(readings, e), ct).ConfigureAwait(false);
    }

    /// <summary>The readings to queue; null for a status (auto-acknowledged) or a quarantined message.</summary>
    private List<StoredReading>? Accept(string topic, MqttApplicationMessageReceivedEventArgs e)
    {
        var payload = e.ApplicationMessage.Payload.IsSingleSegment ? e.ApplicationMessage.Payload.FirstSpan : e.ApplicationMessage.Payload.ToArray();
        if (!TryAccept(topic, payload, out var readings, out var refusal))
        {
            quarantine.Add(topic, payload, refusal);
            log.LogWarning("Quarantined a message on {Topic}: {Reason}", topic, refusal.Reason);
            return null;
        }
        if (readings is null) return null; // a status: a retained snapshot, the next one supersedes it
        sequences.Observe(readings[0].Device, readings[0].Seq);
        return readings;
    }

    /// <summary>
    /// A status (readings null) or readings to store, or why the message is refused. A bug that throws on some input
    /// must not turn into a message acknowledged and lost: it is refused with the exception as its reason.
    /// </summary>
    private bool TryAccept(string topic, ReadOnlySpan<byte> payload, out List<StoredReading>? readings, out Refusal refusal)
    {
        readings = null;
        try
        {
            if (topic.EndsWith("/" + Topics.StatusLeaf, StringComparison.Ordinal)) return statuses.TryAccept(topic, payload, out refusal);
            var valid = validator.TryValidate(topic, payload, out var stored, out refusal);
            readings = stored;
            return valid;
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Reading a message on {Topic} failed", topic);
            refusal = new Refusal(RefusalCategory.Payload, $"the server could not read this message ({ex.GetType().Name}: {ex.Message})");
            return false;
        }
    }
}
