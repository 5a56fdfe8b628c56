using System.Diagnostics;
using Lustrac.Energy.Protocol.Messages;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.FirmwareHost.History;

/// <summary>What a backfill published, and how long it took.</summary>
public sealed record HistoryReport(int Devices, int Steps, long Messages, long Readings, DateTimeOffset From, DateTimeOffset To, TimeSpan Elapsed);

/// <summary>
/// Publishes a site's past through the real MQTT contract, as its gateways would have: one readings message per device
/// and history step on <c>lustrac/v1/{site}/{gateway}/{device}/readings</c>, QoS 1, <c>seq</c> +1 per message of each
/// device from 0. Steps go oldest first and every device's sample of a step before the next step, so the server's
/// late-data path sees in-order data and recomputes each interval once. Up to <see cref="Window"/> publishes are in
/// flight; a publish that fails (broker gone) is retried after a reconnect, and a refusal by the broker stops the run.
/// </summary>
public sealed class HistoryPublisher(string host, int port, string clientId)
{
    public const int Window = 256;
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _connecting = new(1, 1);

    /// <summary>Publishes the samples at <paramref name="from"/>, + step, … up to and including the last step ≤ <paramref name="to"/>.</summary>
    public async Task<HistoryReport> PublishAsync(HistorySampler sampler, string siteId, DateTimeOffset from, DateTimeOffset to, TimeSpan step,
        TextWriter progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var client = new MqttClientFactory().CreateMqttClient();
        await ConnectAsync(client, ct);
        var seq = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var inFlight = new List<Task>(Window);
        long messages = 0, readings = 0;
        int steps = 0;
        var lastDay = -1;
        for (var t = from; t <= to; t += step, steps++)
        {
            foreach (var sample in sampler.At(t))
            {
                var n = seq.GetValueOrDefault(sample.Device.Id);
                seq[sample.Device.Id] = n + 1;
                var topic = Topics.Readings(new DeviceAddress(siteId, sample.Device.Gateway, sample.Device.Id));
                var payload = ReadingCodec.Encode(new ReadingMessage(n, sample.Time, sample.Readings));
                inFlight.Add(PublishOneAsync(client, topic, payload, ct));
                messages++;
                readings += sample.Readings.Count;
                if (inFlight.Count >= Window)
                {
                    await Task.WhenAll(inFlight);
                    inFlight.Clear();
                }
            }
            var day = (int)((t - from).TotalDays);
            if (day != lastDay && day % 5 == 0)
            {
                lastDay = day;
                await progress.WriteLineAsync($"firmware-host: history at {t:u} ({messages} messages so far)");
            }
        }
        await Task.WhenAll(inFlight);
        await client.DisconnectAsync(cancellationToken: ct);
        return new HistoryReport(sampler.DeviceCount, steps, messages, readings, from, from + step * (steps - 1), watch.Elapsed);
    }

    private async Task PublishOneAsync(IMqttClient client, string topic, byte[] payload, CancellationToken ct)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await client.PublishAsync(message, ct);
                if (!result.IsSuccess) throw new HistoryRefusedException($"the broker at {host}:{port} refused {topic}: {result.ReasonCode} {result.ReasonString}");
                return;
            }
            catch (Exception ex) when (ex is not HistoryRefusedException && !ct.IsCancellationRequested && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
                if (!client.IsConnected) await ConnectAsync(client, ct);
            }
        }
    }

    /// <summary>The server (and its embedded broker) may still be starting: try for a while before giving up with the address.</summary>
    private async Task ConnectAsync(IMqttClient client, CancellationToken ct)
    {
        var options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId(clientId).WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(10)).Build();
        var giveUpAt = DateTimeOffset.UtcNow + ConnectPatience;
        await _connecting.WaitAsync(ct); // failed publishes reconnect one at a time
        try
        {
            while (!client.IsConnected)
            {
                try { await client.ConnectAsync(options, ct); }
                catch (Exception ex) when (!ct.IsCancellationRequested && DateTimeOffset.UtcNow < giveUpAt && ex is not OperationCanceledException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OperationCanceledException)
                {
                    throw new HistoryRefusedException($"history: no MQTT broker answered at {host}:{port} within {ConnectPatience.TotalMinutes:0} minutes ({ex.Message})", ex);
                }
            }
        }
        finally { _connecting.Release(); }
    }
}

/// <summary>The backfill cannot go on: the broker refused a message or never answered.</summary>
public sealed class HistoryRefusedException(string message, Exception? inner = null) : Exception(message, inner);
