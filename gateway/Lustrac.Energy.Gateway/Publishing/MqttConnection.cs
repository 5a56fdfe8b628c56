using System.Security.Cryptography.X509Certificates;
using Lustrac.Energy.Protocol.Mqtt;
using Lustrac.Energy.Protocol.Security;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Lustrac.Energy.Gateway.Publishing;

/// <summary>
/// One MQTT connection kept alive by hand: MQTTnet 5 has no managed client. Reconnects with exponential
/// back-off and jitter (<see cref="BrokerReconnect"/>); a broker that refuses the credentials is a failure
/// like any other, not a connection (MQTTnet returns the refusal instead of throwing). Keep-alive pings
/// detect a half-open connection (a dead link with no TCP reset) within 1.5 × the period.
/// </summary>
public sealed class MqttConnection(MqttSettings settings, string clientId, ILogger log, TimeProvider? clock = null, Random? random = null) : IDisposable
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly BrokerReconnect _reconnect = new(settings.Host, settings.Port, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), random);
    public IMqttClient Client { get; } = new MqttClientFactory().CreateMqttClient();

    /// <summary>Connection attempts so far.</summary>
    public int ConnectAttempts => _reconnect.Attempts;

    /// <summary>When the next attempt is due while waiting after a failure (tests advance a fake clock to it).</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public async Task EnsureConnectedAsync(CancellationToken ct)
    {
        while (!Client.IsConnected)
        {
            BrokerFailure failure;
            try
            {
                _reconnect.Attempting();
                var result = await Client.ConnectAsync(Options(), ct).ConfigureAwait(false);
                if (result.ResultCode == MqttClientConnectResultCode.Success && Client.IsConnected)
                {
                    _reconnect.Connected();
                    NextAttemptAt = null;
                    log.LogInformation("Connected to MQTT broker {Broker} as {ClientId}", _reconnect.Broker, clientId);
                    return;
                }
                failure = BrokerFailure.FromResult(result.ResultCode, result.ReasonString, settings.Username);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                failure = BrokerFailure.FromException(ex);
            }
            var (delay, line) = _reconnect.Failed(failure);
            if (line is not null)
            {
                if (failure.Kind is BrokerFailureKind.CredentialsRefused or BrokerFailureKind.Tls) log.LogError("{Problem}", line);
                else log.LogWarning("{Problem}", line);
            }
            NextAttemptAt = _clock.GetUtcNow() + delay;
            await Task.Delay(delay, _clock, ct).ConfigureAwait(false);
        }
    }

    private MqttClientOptions Options()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(clientId)
            .WithCleanSession(true) // the outbox, not the broker session, holds what is unsent
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(settings.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (settings.Username is not null) builder = builder.WithCredentials(settings.Username, settings.Password);
        if (settings.UseTls) builder = builder.WithTlsOptions(o => WithTrust(o.UseTls()));
        return builder.Build();
    }

    // Without TLS the CA file plays no part (and the validator checks it only with TLS), so it is not read.
    private readonly X509Certificate2? _ca = !settings.UseTls || string.IsNullOrEmpty(settings.CaFile) ? null : PrivateCaTrust.LoadCa(settings.CaFile);

    private MqttClientTlsOptionsBuilder WithTrust(MqttClientTlsOptionsBuilder tls) =>
        _ca is null ? tls : tls.WithCertificateValidationHandler(e => PrivateCaTrust.Accepts(_ca, e.Certificate, e.SslPolicyErrors));

    public async Task ResetAsync()
    {
        try
        {
            if (Client.IsConnected) await Client.DisconnectAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log.LogDebug("Disconnect failed: {Error}", ex.Message);
        }
    }

    public void Dispose() => Client.Dispose();
}
