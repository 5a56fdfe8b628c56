using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Security;
using Lustrac.Energy.Server.Ingest;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// Publishes the list of open alerts, retained, on <c>lustrac/v1/{site}/alerts</c> of the broker ingest uses (same
/// Mqtt settings and credentials). Its own short connection, not ingest's: ingest's persistent session acknowledges in
/// store order and must never wait behind an alert. Connects on demand; a failed publish is retried at the next
/// evaluation, so the retained state always ends up being the latest.
/// </summary>
public sealed class AlertTopicPublisher(MqttIngestSettings settings, string siteId, ILogger<AlertTopicPublisher> log) : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
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
            if (!_client.IsConnected) await _client.ConnectAsync(Options(), ct).ConfigureAwait(false);
            var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic(siteId)).WithPayload(state)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build(), ct).ConfigureAwait(false);
            if (!result.IsSuccess) throw new InvalidOperationException($"the broker refused it ({result.ReasonCode}); does the server user may write {Topic(siteId)}?");
            _published = fingerprint;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Could not publish the open alerts on {Topic}: {Error}; retrying at the next evaluation", Topic(siteId), ex.Message);
        }
    }

    private MqttClientOptions Options()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId($"lustrac-server-{siteId}-alerts")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
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
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try { await _client.DisconnectAsync().ConfigureAwait(false); }
            catch (Exception ex) { log.LogDebug("Alert publisher disconnect failed: {Error}", ex.Message); }
        }
        _client.Dispose();
    }
}
