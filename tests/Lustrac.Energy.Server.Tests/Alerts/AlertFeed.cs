using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Server.Tests.Alerts;

/// <summary>A gateway's side of the broker for alert tests: publishes readings per contract v1 and watches the alerts topic.</summary>
public sealed class AlertFeed : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _site;
    private readonly ConcurrentDictionary<string, ulong> _seq = new();

    /// <summary>Every payload received on lustrac/v1/{site}/alerts, oldest first.</summary>
    public ConcurrentQueue<JsonElement> AlertStates { get; } = new();

    private AlertFeed(string site) => _site = site;

    public static async Task<AlertFeed> ConnectAsync(int port, string site)
    {
        var feed = new AlertFeed(site);
        feed._client.ApplicationMessageReceivedAsync += e =>
        {
            using var doc = JsonDocument.Parse(e.ApplicationMessage.ConvertPayloadToString());
            feed.AlertStates.Enqueue(doc.RootElement.Clone());
            return Task.CompletedTask;
        };
        await feed._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithClientId("alerts-test-" + Guid.NewGuid().ToString("N")[..8]).Build());
        await feed._client.SubscribeAsync($"lustrac/v1/{site}/alerts", MqttQualityOfServiceLevel.AtLeastOnce);
        return feed;
    }

    /// <summary>The open alert keys of the newest state received.</summary>
    public IReadOnlyList<string> OpenKeys() =>
        AlertStates.LastOrDefault() is { ValueKind: JsonValueKind.Object } s ? [.. s.GetProperty("open").EnumerateArray().Select(a => a.GetProperty("key").GetString()!)] : ["(nothing received)"];

    public async Task PublishAsync(string gateway, string device, DateTimeOffset readAt, string quantity, double value, string unit)
    {
        var seq = _seq.AddOrUpdate(device, 1, (_, s) => s + 1);
        var payload = $$"""{"seq":{{seq}},"time":"{{readAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}}","readings":[{"quantity":"{{quantity}}","value":{{value.ToString(CultureInfo.InvariantCulture)}},"unit":"{{unit}}"}]}""";
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"lustrac/v1/{_site}/{gateway}/{device}/readings")
            .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync();
        _client.Dispose();
    }
}
