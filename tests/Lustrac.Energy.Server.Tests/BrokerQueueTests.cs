using System.Globalization;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace Lustrac.Energy.Server.Tests;

/// <summary>
/// The broker must hold every reading while the server is away. With the shipped queue settings, 5,000
/// messages published while the server is offline all reach the store when it returns; Mosquitto's default
/// (max_queued_messages 1000) is measured alongside as a contrast.
/// </summary>
public sealed class BrokerQueueTests(ITestOutputHelper output) : IDisposable
{
    private const int Messages = 5000;
    private readonly SecuredSite _site = new();

    [Fact]
    public async Task The_shipped_queue_holds_more_than_the_default_1000_messages_for_an_offline_server()
    {
        var (broker, _) = await ShippedMosquitto.StartAsync(_site);
        await using (broker)
        {
            var stored = await PublishWhileServerIsAwayAsync(broker.Port, "server", _site.PasswordOf("server"), "gw-a", _site.PasswordOf("gw-a"), "shipped");
            output.WriteLine($"shipped lustrac.conf: {stored} of {Messages} messages published while the server was offline were stored");
            Assert.Equal(Messages, stored);
        }

        // Contrast, measured not asserted: Mosquitto's defaults with the same flow.
        await using var plain = await MosquittoProcess.StartNewAsync();
        var storedByDefault = await PublishWhileServerIsAwayAsync(plain.Port, null, null, null, null, "default", settle: TimeSpan.FromSeconds(5));
        output.WriteLine($"mosquitto defaults:   {storedByDefault} of {Messages} messages published while the server was offline were stored");
    }

    /// <returns>Readings stored after the server came back.</returns>
    private async Task<long> PublishWhileServerIsAwayAsync(int port, string? serverUser, string? serverPassword, string? gatewayUser, string? gatewayPassword,
        string name, TimeSpan? settle = null)
    {
        var folder = Path.Combine(_site.Folder, name);
        Directory.CreateDirectory(folder);
        List<string> args = ["--site", _site.SiteFile, "--Mqtt:Embedded", "false", "--Mqtt:Port", port.ToString(CultureInfo.InvariantCulture),
            "--Store:SqlitePath", Path.Combine(folder, "l.db"), "--Quarantine:File", Path.Combine(folder, "q.jsonl"), "--Logging:LogLevel:Default", "Error"];
        if (serverUser is not null) args.AddRange(["--Mqtt:Username", serverUser, "--Mqtt:Password", serverPassword!]);

        // 1. The server connects once, so the broker knows its persistent session, then goes away.
        var first = await StartServerAsync(args);
        await first.StopAsync();
        await first.DisposeAsync();

        // 2. A gateway publishes 5,000 QoS 1 messages, each acknowledged by the broker, in chunks of 500.
        using var gateway = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("gw-a-" + name).WithTimeout(TimeSpan.FromSeconds(30));
        if (gatewayUser is not null) options = options.WithCredentials(gatewayUser, gatewayPassword);
        await gateway.ConnectAsync(options.Build());
        var start = DateTimeOffset.UtcNow.AddMinutes(-3);
        var acknowledged = 0;
        for (var chunk = 0; chunk < Messages; chunk += 500)
        {
            var results = await Task.WhenAll(Enumerable.Range(chunk, 500).Select(i => gateway.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(_site.Topic("gw-a", "a-meter"))
                .WithPayload(ReadingCodec.Encode(new ReadingMessage((ulong)i + 1, start.AddMilliseconds(i * 10), [new Reading("energy_import", i, "kWh", ReadingQuality.Good)])))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())));
            acknowledged += results.Count(r => r.IsSuccess);
        }
        Assert.Equal(Messages, acknowledged);
        await gateway.DisconnectAsync();

        // 3. The server comes back with the same session and drains the queue into the store.
        var second = await StartServerAsync(args);
        var store = new Storage.SqliteReadingStore(Path.Combine(folder, "l.db"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        long count = 0, previous = -1;
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && count < Messages)
        {
            count = (await store.ReadAsync("a-meter", "energy_import", start, start.AddHours(1), CancellationToken.None)).Count;
            if (count != previous) { previous = count; stableSince = DateTime.UtcNow; }
            else if (settle is { } s && DateTime.UtcNow - stableSince > s) break; // the contrast run stops growing short of 5,000
            await Task.Delay(200);
        }
        await second.StopAsync();
        await second.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return count;
    }

    private static async Task<WebApplication> StartServerAsync(List<string> args)
    {
        var httpPort = FreePort.Next();
        var app = ServerApp.Build([.. args, "--urls", $"http://127.0.0.1:{httpPort}"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        // /health answers 503 until both broker and store are ready: read its body whatever the status.
        while (!(await (await http.GetAsync("health")).Content.ReadAsStringAsync()).Contains("\"broker_connected\":true", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the server did not connect to the broker");
            await Task.Delay(100);
        }
        return app;
    }

    public void Dispose() => _site.Dispose();
}
