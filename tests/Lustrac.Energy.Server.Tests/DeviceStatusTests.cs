using System.Text.Json;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Server.Tests;

/// <summary>
/// Device status through a real Mosquitto: a gateway may speak only for its own devices of the site file, and
/// <c>/api/devices</c> shows a home's device only to whom <c>/api/live</c> would (the operator here; nobody without a token).
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class DeviceStatusTests(SharedServices services)
{
    [Fact]
    public async Task Keeps_each_gateways_own_statuses_quarantines_foreign_and_made_up_ones_and_hides_homes_from_the_public()
    {
        await using var server = await RunningServer.StartAsync("sqlite", services.MqttPort, services.InfluxUrl);
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", services.MqttPort)
            .WithClientId("status-" + Guid.NewGuid().ToString("N")[..8]).Build());
        var since = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

        await PublishAsync(client, server.SiteId, "gw-1", "h01-meter", new DeviceStatus(DeviceStatus.Down, since, "timeout after 1000 ms", 3));
        await PublishAsync(client, server.SiteId, "gw-2", "h01-meter", new DeviceStatus(DeviceStatus.Up, since, null, 0)); // gw-2 forging gw-1's meter
        await PublishAsync(client, server.SiteId, "gw-1", "ghost-meter", new DeviceStatus(DeviceStatus.Down, since, "made up", 1));
        await PublishAsync(client, server.SiteId, "gw-1", "pv-1-inverter", new DeviceStatus(DeviceStatus.Up, since, null, 0));

        await server.WaitUntilAsync(async () => (await server.GetJsonAsync("api/devices")).GetArrayLength() == 2
            && (await server.GetJsonAsync("api/quarantine")).GetProperty("total").GetInt64() == 2, TimeSpan.FromSeconds(60), "holding 2 statuses and 2 refusals");

        var operatorView = (await server.GetJsonAsync("api/devices")).EnumerateArray().ToDictionary(d => d.GetProperty("device").GetString()!);
        Assert.Equal(["h01-meter", "pv-1-inverter"], operatorView.Keys.Order(StringComparer.Ordinal));
        var meter = operatorView["h01-meter"];
        Assert.Equal(("down", "gw-1", "timeout after 1000 ms", 3L, "2026-11-24T09:00:00.000Z"),
            (meter.GetProperty("state").GetString(), meter.GetProperty("gateway").GetString(), meter.GetProperty("error").GetString(),
             meter.GetProperty("consecutive_failures").GetInt64(), meter.GetProperty("since").GetString()));

        var reasons = (await server.GetJsonAsync("api/quarantine")).GetProperty("recent").EnumerateArray()
            .Select(q => q.GetProperty("category").GetString() + ": " + q.GetProperty("reason").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["origin: device 'ghost-meter' is not in the site file", "origin: device 'h01-meter' belongs to gateway 'gw-1', not 'gw-2'"], reasons);

        // Without a token: the shared array's inverter only; the home's meter is fine data (no consent here).
        using var anonymous = new HttpClient { BaseAddress = server.Http.BaseAddress };
        var publicView = JsonDocument.Parse(await anonymous.GetStringAsync("api/devices")).RootElement;
        Assert.Equal(["pv-1-inverter"], publicView.EnumerateArray().Select(d => d.GetProperty("device").GetString()));
    }

    private static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string site, string gateway, string device, DeviceStatus status) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.Status(new DeviceAddress(site, gateway, device)))
            .WithPayload(StatusCodec.Encode(status, 1)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
}
