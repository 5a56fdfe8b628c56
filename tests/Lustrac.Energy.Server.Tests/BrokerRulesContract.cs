using MQTTnet;
using MQTTnet.Exceptions;

namespace Lustrac.Energy.Server.Tests;

/// <summary>
/// The access rules every broker Lustrac runs must enforce: the shipped Mosquitto configuration and the
/// embedded broker with a users file. A refused publish may be answered "not authorised" or silently dropped
/// (Mosquitto does either, by protocol version): what counts is that it never reaches the server, checked
/// against a control message sent after it that does.
/// </summary>
public abstract class BrokerRulesContract : IAsyncLifetime
{
    protected SecuredSite Site { get; } = new();
    protected abstract int Port { get; }
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public abstract Task InitializeAsync();
    public abstract Task DisposeAsync();

    protected Task<TestClient> AsAsync(string user, string? password = null) =>
        TestClient.ConnectAsync(TestClient.Options(Port, user, password ?? Site.PasswordOf(user)));

    private async Task<TestClient> ServerListeningAsync()
    {
        var server = await AsAsync("server");
        await server.SubscribeAsync($"lustrac/v1/{Site.SiteId}/#");
        return server;
    }

    /// <summary>MQTTnet reports a refused CONNECT as a result code, or as an exception when the broker just closes.</summary>
    private static async Task AssertRefusedAsync(MqttClientOptionsBuilder options)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResultCode? code = null;
        try { code = (await client.ConnectAsync(options.Build())).ResultCode; }
        catch (MqttCommunicationException) { }
        Assert.NotEqual(MqttClientConnectResultCode.Success, code);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Refuses_an_anonymous_client()
    {
        await AssertRefusedAsync(TestClient.Options(Port, null, null));
    }

    [Fact]
    public async Task Refuses_a_wrong_password()
    {
        await AssertRefusedAsync(TestClient.Options(Port, "gw-a", "not-the-password"));
        await AssertRefusedAsync(TestClient.Options(Port, "nobody", Site.PasswordOf("gw-a")));
        await using var right = await AsAsync("gw-a");
        Assert.True(right.Mqtt.IsConnected);
    }

    [Fact]
    public async Task Never_delivers_what_a_gateway_publishes_under_another_gateway()
    {
        await using var server = await ServerListeningAsync();
        await using var gwA = await AsAsync("gw-a");

        await gwA.PublishAsync(Site.Topic("gw-b", "b-meter"), "forged");
        await gwA.PublishAsync(Site.Topic("gw-a", "a-meter"), "control");

        await server.WaitForAsync("control", Wait);
        Assert.DoesNotContain(server.Received, r => r.Contains("forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gateway_cannot_read_anything()
    {
        await using var server = await ServerListeningAsync();
        await using var gwA = await AsAsync("gw-a");
        await gwA.SubscribeAsync("lustrac/v1/#");
        await gwA.SubscribeAsync(Site.Topic("gw-a", "a-meter"));
        await using var gwB = await AsAsync("gw-b");

        await gwB.PublishAsync(Site.Topic("gw-b", "b-meter"), "b-says");
        await gwA.PublishAsync(Site.Topic("gw-a", "a-meter"), "a-says");

        await server.WaitForAsync("b-says", Wait);
        await server.WaitForAsync("a-says", Wait);
        // The positive signal, instead of a pause: the broker has routed both messages (the server has them), and it
        // writes to one connection in order, so anything routed to gw-a is on gw-a's line before the answer to a
        // request gw-a sends now.
        await gwA.SubscribeAsync(Site.Topic("gw-a", "round-trip"));
        Assert.Empty(gwA.Received);
    }

    [Fact]
    public async Task The_server_cannot_publish()
    {
        await using var server = await ServerListeningAsync();
        await using var gwA = await AsAsync("gw-a");

        await server.PublishAsync(Site.Topic("gw-a", "a-meter"), "from-server");
        await gwA.PublishAsync(Site.Topic("gw-a", "a-meter"), "control");

        await server.WaitForAsync("control", Wait);
        Assert.DoesNotContain(server.Received, r => r.Contains("from-server", StringComparison.Ordinal));
    }

    /// <summary>The server's persistent session, as IngestConnection opens it: kept for an hour while it is away.</summary>
    private MqttClientOptionsBuilder ServerSession() =>
        TestClient.Options(Port, "server", Site.PasswordOf("server")).WithCleanStart(false).WithSessionExpiryInterval(3600);

    /// <summary>Connects with someone else's client id; the broker may refuse (embedded) or rename the client (Mosquitto).</summary>
    private async Task<TestClient?> TryConnectAsAsync(string user, string clientId, bool cleanStart)
    {
        TestClient client;
        try { client = await TestClient.ConnectAsync(TestClient.Options(Port, user, Site.PasswordOf(user), clientId: clientId).WithCleanStart(cleanStart)); }
        catch (MqttCommunicationException) { return null; }
        if (client.Mqtt.IsConnected) return client;
        await client.DisposeAsync(); // refused with a result code
        return null;
    }

    [Fact]
    public async Task A_gateway_using_the_servers_client_id_cannot_take_its_session_nor_its_queued_readings()
    {
        var server = await TestClient.ConnectAsync(ServerSession());
        await server.SubscribeAsync($"lustrac/v1/{Site.SiteId}/#");
        await server.DisposeAsync(); // away: the broker queues for the session

        await using (var gwA = await AsAsync("gw-a"))
            await gwA.PublishAsync(Site.Topic("gw-a", "a-meter"), "queued-while-away");
        // A clean start with the server's id would delete the server's session and everything queued for it.
        await using (var thief = await TryConnectAsAsync("gw-b", ServerSessionId, cleanStart: true))
        {
            if (thief is not null) await thief.PublishAsync(Site.Topic("gw-b", "b-meter"), "thief-was-here");
        }

        await using var back = await TestClient.ConnectAsync(ServerSession());
        await back.WaitForAsync("queued-while-away", Wait);
    }

    /// <summary>The id the server connects with on a locked-down broker (IngestConnection.ClientId).</summary>
    private static string ServerSessionId => Server.Ingest.IngestConnection.ClientId("any-site", "server");

    [Fact]
    public async Task A_gateway_using_another_gateways_client_id_cannot_close_its_connection()
    {
        await using var server = await ServerListeningAsync();
        await using var gwA = await AsAsync("gw-a");

        await using var thief = await TryConnectAsAsync("gw-b", "gw-a", cleanStart: true);
        await gwA.PublishAsync(Site.Topic("gw-a", "a-meter"), "gw-a-still-connected");

        await server.WaitForAsync("gw-a-still-connected", Wait);
        Assert.True(gwA.Mqtt.IsConnected);
    }

    [Fact]
    public async Task The_server_may_publish_its_alert_list_and_a_gateway_may_not()
    {
        // One server connection: its client id is its user name, so a second one would replace the first.
        await using var server = await ServerListeningAsync();
        await using var gwA = await AsAsync("gw-a");
        var alerts = $"lustrac/v1/{Site.SiteId}/alerts";

        await gwA.PublishAsync(alerts, "forged-alerts");
        await server.PublishAsync(alerts, "alert-list");

        await server.WaitForAsync("alert-list", Wait);
        Assert.DoesNotContain(server.Received, r => r.Contains("forged-alerts", StringComparison.Ordinal));
    }
}
