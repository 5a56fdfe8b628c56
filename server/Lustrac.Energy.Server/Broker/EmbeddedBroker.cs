using System.Net;
using Lustrac.Energy.Server.Ingest;
using MQTTnet.Server;

namespace Lustrac.Energy.Server.Broker;

/// <summary>
/// MQTTnet's broker inside the server process: the embedded default, so one command runs the whole system
/// with no external service. Mosquitto is the production path, chosen by setting Mqtt:Embedded to false.
/// </summary>
public sealed class EmbeddedBroker(MqttIngestSettings settings, ILogger<EmbeddedBroker> log) : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(settings.Host == "localhost" ? "127.0.0.1" : settings.Host))
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        _server.ValidatingConnectionAsync += AssignMissingClientId;
        try
        {
            await _server.StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"The embedded MQTT broker cannot listen on {settings.Host}:{settings.Port} ({ex.Message}). " +
                "Another broker may already use that port: stop it, or choose another with --Mqtt:Port.", ex);
        }
        log.LogInformation("Embedded MQTT broker listening on {Host}:{Port}", settings.Host, settings.Port);
    }

    /// <summary>
    /// MQTT lets a client with a clean session send an empty client id and have the broker assign one
    /// (mosquitto_pub does this). MQTTnet refuses it unless told which id to assign.
    /// </summary>
    private static Task AssignMissingClientId(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId) && e.CleanSession != false)
        {
            e.AssignedClientIdentifier = "auto-" + Guid.NewGuid().ToString("N")[..12];
            e.ReasonCode = MQTTnet.Protocol.MqttConnectReasonCode.Success;
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.StopAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
