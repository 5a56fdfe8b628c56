using System.Security.Cryptography.X509Certificates;
using Lustrac.Energy.Protocol.Security;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Lustrac.Energy.Gateway.Publishing;

/// <summary>
/// One MQTT connection kept alive by hand: MQTTnet 5 has no managed client. Reconnects with exponential
/// backoff and jitter (so 30 gateways back after a broker restart do not reconnect in lockstep); keep-alive
/// pings detect a half-open connection (a dead link with no TCP reset) within 1.5 × the period.
/// </summary>
public sealed class MqttConnection(MqttSettings settings, string clientId, ILogger log) : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    public IMqttClient Client { get; } = new MqttClientFactory().CreateMqttClient();

    public async Task EnsureConnectedAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!Client.IsConnected)
        {
            try
            {
                var builder = new MqttClientOptionsBuilder()
                    .WithTcpServer(settings.Host, settings.Port)
                    .WithClientId(clientId)
                    .WithCleanSession(true) // the outbox, not the broker session, holds what is unsent
                    .WithKeepAlivePeriod(TimeSpan.FromSeconds(settings.KeepAliveSeconds))
                    .WithTimeout(TimeSpan.FromSeconds(10));
                if (settings.Username is not null) builder = builder.WithCredentials(settings.Username, settings.Password);
                if (settings.UseTls) builder = builder.WithTlsOptions(o => WithTrust(o.UseTls()));
                await Client.ConnectAsync(builder.Build(), ct).ConfigureAwait(false);
                log.LogInformation("Connected to MQTT broker {Host}:{Port} as {ClientId}", settings.Host, settings.Port, clientId);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var jittered = delay * (0.5 + Random.Shared.NextDouble());
                log.LogWarning("Cannot reach MQTT broker {Host}:{Port} ({Error}); retrying in {Delay:F1} s", settings.Host, settings.Port, ex.Message, jittered.TotalSeconds);
                await Task.Delay(jittered, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, delay.Ticks * 2));
            }
        }
    }

    private readonly X509Certificate2? _ca = string.IsNullOrEmpty(settings.CaFile) ? null : PrivateCaTrust.LoadCa(settings.CaFile);

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
