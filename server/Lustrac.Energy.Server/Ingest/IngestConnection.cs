using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Mqtt;
using Lustrac.Energy.Protocol.Security;
using Lustrac.Energy.Protocol.Site;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Keeps ingest's broker connection: a persistent session (clean start off) subscribed to the site's subtree,
/// reconnected forever with back-off; refused credentials and TLS problems are logged as errors, the rest as warnings.
/// </summary>
public sealed class IngestConnection(MqttIngestSettings settings, string siteId, IngestStatistics stats, TimeProvider clock, ILogger log)
{
    /// <summary>Send and receive buffers of the broker connection; the kernel caps them at net.core.rmem_max / wmem_max.</summary>
    public const int SocketBufferBytes = 1 << 20;

    /// <summary>
    /// The server's identity on the broker, which keys its persistent session: its user name on a locked-down broker
    /// (Mosquitto's use_username_as_clientid, the embedded broker's rule), so no other client can take the session.
    /// </summary>
    public static string ClientId(string site, string? username) => string.IsNullOrEmpty(username) ? $"lustrac-server-{site}" : username;

    /// <summary>Until <paramref name="ct"/> is cancelled; then disconnects, leaving unacknowledged messages in the session.</summary>
    public async Task KeepConnectedAsync(IMqttClient client, CancellationToken ct)
    {
        var reconnect = new BrokerReconnect(settings.Host, settings.Port, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        var options = ClientOptions();
        while (!ct.IsCancellationRequested)
        {
            if (!client.IsConnected && await TryConnectAsync(client, options, reconnect, ct).ConfigureAwait(false) is { } failure)
            {
                stats.BrokerConnected = false;
                var (delay, line) = reconnect.Failed(failure);
                if (line is not null)
                {
                    if (failure.Kind is BrokerFailureKind.CredentialsRefused or BrokerFailureKind.Tls) log.LogError("Ingest: {Problem}", line);
                    else log.LogWarning("Ingest: {Problem}", line);
                }
                if (!await PauseAsync(delay, ct).ConfigureAwait(false)) break;
                continue;
            }
            stats.BrokerConnected = client.IsConnected;
            if (!await PauseAsync(TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false)) break;
        }
        if (client.IsConnected)
        {
            try { await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false); }
            catch (Exception ex) { log.LogDebug("Disconnect failed: {Error}", ex.Message); }
        }
    }

    /// <summary>False when stopping.</summary>
    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, clock, ct).ConfigureAwait(false); return true; }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>Null once connected and subscribed; otherwise why not. MQTTnet returns a refused CONNECT instead of throwing.</summary>
    private async Task<BrokerFailure?> TryConnectAsync(IMqttClient client, MqttClientOptions options, BrokerReconnect reconnect, CancellationToken ct)
    {
        try
        {
            reconnect.Attempting();
            var result = await client.ConnectAsync(options, ct).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success || !client.IsConnected)
                return BrokerFailure.FromResult(result.ResultCode, result.ReasonString, settings.Username);
            // Subscriptions live in the persistent session, but subscribing again is harmless and covers a lost session.
            // The whole subtree of this site, not only readings and status, so a message on a mistyped topic
            // is quarantined with a reason instead of vanishing unseen in the broker.
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(Topics.SiteSubtree(siteId), MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), ct).ConfigureAwait(false);
            stats.BrokerConnected = true;
            reconnect.Connected();
            log.LogInformation("Ingest connected to MQTT broker {Broker}", reconnect.Broker);
            return null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return BrokerFailure.FromException(ex);
        }
        catch (OperationCanceledException)
        {
            return null; // stopping
        }
    }

    private MqttClientOptions ClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(ClientId(siteId, settings.Username))
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)TimeSpan.FromHours(settings.SessionExpiryHours).TotalSeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithReceiveMaximum(ushort.MaxValue)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (settings.Username is not null) builder = builder.WithCredentials(settings.Username, settings.Password);
        if (settings.UseTls)
        {
            var ca = string.IsNullOrEmpty(settings.CaFile) ? null : PrivateCaTrust.LoadCa(settings.CaFile);
            builder = builder.WithTlsOptions(o =>
            {
                o.UseTls();
                if (ca is not null) o.WithCertificateValidationHandler(e => PrivateCaTrust.Accepts(ca, e.Certificate, e.SslPolicyErrors));
            });
        }
        var options = builder.Build();
        // MQTTnet fixes both socket buffers at 8 KB, which also turns off the kernel's tuning of the receive window: about
        // ten messages fit in it, and once a busy moment fills it the broker only probes it every 200 ms (zero-window
        // persist timer), so ingest could fall to ~50 messages/s and stay there. A broker's whole in-flight window fits here.
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = SocketBufferBytes;
        return options;
    }
}
