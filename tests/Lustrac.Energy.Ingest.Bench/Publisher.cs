using Lustrac.Energy.Protocol.Messages;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Ingest.Bench;

/// <summary>One MQTTnet client per gateway, publishing QoS 1 in chunks and counting PUBACKs (mosquitto_pub -l would silently stall).</summary>
public static class Publisher
{
    public static async Task<long> FloodAsync(Workload w, int port)
    {
        var payloads = Enumerable.Range(0, Workload.Gateways).Select(g =>
            Enumerable.Range(1, w.MessagesPerDevice).SelectMany(seq => Enumerable.Range(0, Workload.DevicesPerGateway).Select(d =>
            {
                var (topic, message) = w.MessageOf(g, d, seq);
                return new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(ReadingCodec.Encode(message))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            })).ToArray()).ToArray();
        var acknowledged = await Task.WhenAll(payloads.Select((messages, g) => PublishAsync(port, Workload.Gateway(g), messages)));
        return acknowledged.Sum();
    }

    private static async Task<long> PublishAsync(int port, string clientId, MqttApplicationMessage[] messages)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("bench-" + clientId)
            .WithTimeout(TimeSpan.FromSeconds(60)).Build());
        long ok = 0;
        const int chunk = 500;
        for (var i = 0; i < messages.Length; i += chunk)
        {
            var results = await Task.WhenAll(messages.Skip(i).Take(chunk).Select(m => client.PublishAsync(m)));
            ok += results.Count(r => r.IsSuccess);
        }
        await client.DisconnectAsync();
        return ok;
    }
}
