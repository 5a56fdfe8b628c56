using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>Publishes readings by hand on a device's topic, as any MQTT client following the v1 contract may.</summary>
public sealed class MqttFeed : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private ulong _seq = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static async Task<MqttFeed> ConnectAsync(int port)
    {
        var feed = new MqttFeed();
        await feed._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithClientId("screen-test-" + Guid.NewGuid().ToString("N")[..8]).Build());
        return feed;
    }

    public async Task PublishAsync(string site, string gateway, string device, string quantity, string unit, double value, DateTimeOffset time)
    {
        var payload = string.Create(CultureInfo.InvariantCulture,
            $$"""{"seq":{{++_seq}},"time":"{{time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}","readings":[{"quantity":"{{quantity}}","value":{{value}},"unit":"{{unit}}"}]}""");
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"lustrac/v1/{site}/{gateway}/{device}/readings")
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
