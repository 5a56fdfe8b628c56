using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Ingest;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// Publishes the list of open alerts, retained, on <c>lustrac/v1/{site}/alerts</c> through ingest's own broker
/// connection (<see cref="IngestBrokerClient"/>): on a locked-down broker the client id is the user name, so a second
/// connection as the server would replace ingest's session. A failed publish is retried at the next evaluation, so the
/// retained state always ends up being the latest.
/// </summary>
public sealed class AlertTopicPublisher(IngestBrokerClient broker, string siteId, ILogger<AlertTopicPublisher> log)
{
    private byte[]? _published;

    public static string Topic(string site) => $"{Topics.Root}/{Topics.Version}/{site}/alerts";

    /// <summary>Publishes when the open alerts differ from the last list the broker accepted.</summary>
    public async Task PublishAsync(DateTimeOffset now, IReadOnlyList<AlertRecord> open, CancellationToken ct)
    {
        var fingerprint = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(open.Select(AlertJson.Of), AlertJson.Options);
        if (_published is not null && _published.AsSpan().SequenceEqual(fingerprint)) return;
        var state = AlertJson.State(siteId, now, open);
        try
        {
            var result = await broker.TryPublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic(siteId)).WithPayload(state)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build(), ct).ConfigureAwait(false);
            // Ingest is off the broker and already says why; the list goes out once ingest is back.
            if (result is null) { log.LogDebug("Open alerts not published: ingest is off the broker"); return; }
            if (!result.IsSuccess) throw new InvalidOperationException($"the broker refused it ({result.ReasonCode}); may the server user write {Topic(siteId)}?");
            _published = fingerprint;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Could not publish the open alerts on {Topic}: {Error}; retrying at the next evaluation", Topic(siteId), ex.Message);
        }
    }
}
