using System.Text.Json;
using Lustrac.Energy.Protocol.Messages;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Gateway.Publishing;

/// <summary>
/// Publishes at QoS 1 with MQTTnet. MQTTnet 5 has no managed client, so connection upkeep is ours: every
/// publish waits for a live connection, reconnecting with exponential backoff and jitter.
/// </summary>
public sealed class MqttReadingPublisher(MqttSettings settings, string clientId, ILogger<MqttReadingPublisher> log) : IReadingPublisher, IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _connectLock = new(1, 1);

    public async Task PublishReadingsAsync(DeviceAddress device, ReadingMessage message, CancellationToken ct) =>
        await PublishAsync(Topics.Readings(device), ReadingCodec.Encode(message), retain: false, ct).ConfigureAwait(false);

    public async Task PublishStatusAsync(DeviceAddress device, DeviceStatus status, CancellationToken ct)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new
        {
            state = status.State,
            since = ReadingCodec.FormatTime(status.Since),
            error = status.Error,
            failed_reads = status.FailedReads,
        });
        await PublishAsync(Topics.Status(device), payload, retain: true, ct).ConfigureAwait(false);
    }

    private async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken ct)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        while (true)
        {
            await EnsureConnectedAsync(ct).ConfigureAwait(false);
            try
            {
                var result = await _client.PublishAsync(message, ct).ConfigureAwait(false);
                if (result.IsSuccess) return;
                throw new InvalidOperationException($"broker refused the publish to {topic}: {result.ReasonCode} {result.ReasonString}");
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                log.LogWarning("Publish to {Topic} failed ({Error}); reconnecting", topic, ex.Message);
            }
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken ct)
    {
        if (_client.IsConnected) return;
        await _connectLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var delay = TimeSpan.FromMilliseconds(250);
            while (!_client.IsConnected)
            {
                try
                {
                    var builder = new MqttClientOptionsBuilder()
                        .WithTcpServer(settings.Host, settings.Port)
                        .WithClientId(clientId)
                        .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
                        .WithTimeout(TimeSpan.FromSeconds(10));
                    if (settings.Username is not null) builder = builder.WithCredentials(settings.Username, settings.Password);
                    if (settings.UseTls) builder = builder.WithTlsOptions(o => o.UseTls());
                    await _client.ConnectAsync(builder.Build(), ct).ConfigureAwait(false);
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
        finally
        {
            _connectLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try { await _client.DisconnectAsync().ConfigureAwait(false); }
            catch (Exception ex) { log.LogDebug("Disconnect failed: {Error}", ex.Message); }
        }
        _client.Dispose();
        _connectLock.Dispose();
    }
}
