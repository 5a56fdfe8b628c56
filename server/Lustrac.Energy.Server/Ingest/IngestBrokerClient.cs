using MQTTnet;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Ingest's broker connection, lent to the little the server publishes itself (the alert list). On a locked-down
/// broker the client id is the user name, so a second connection as the server would close ingest's and, with a
/// clean start, delete its persistent session and the readings queued in it.
/// </summary>
public sealed class IngestBrokerClient
{
    private volatile IMqttClient? _client;

    internal void Attach(IMqttClient client) => _client = client;

    internal void Detach() => _client = null;

    /// <summary>Publishes through ingest's connection; false when it is not connected (the caller retries later).</summary>
    public async Task<MqttClientPublishResult?> TryPublishAsync(MqttApplicationMessage message, CancellationToken ct)
    {
        var client = _client;
        if (client is null || !client.IsConnected) return null;
        return await client.PublishAsync(message, ct).ConfigureAwait(false);
    }
}
