using System.Globalization;
using System.Text.Json;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests.Alerts;

/// <summary>
/// The whole server (real Mosquitto, SQLite) with every channel configured: a gateway that stops sending is raised,
/// cleared when it sends again, and raised again when it stops — by e-mail to a loopback SMTP sink, by a webhook to a
/// loopback receiver, on the retained MQTT topic, in /api/alerts and /metrics.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class AlertDeliveryTests(SharedServices services)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_silent_gateway_is_raised_cleared_and_raised_again_on_every_channel()
    {
        await using var smtp = new SmtpSink();
        await using var hook = new WebhookReceiver();
        await using var server = await RunningServer.StartAsync("sqlite", services.MqttPort, services.InfluxUrl,
            "--Alerts:EvaluateSeconds", "1", "--Alerts:SilentMinutes", "0.05", // silent after 3 s without a reading
            "--Alerts:Smtp:Host", "127.0.0.1", "--Alerts:Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture),
            "--Alerts:Smtp:Security", "none", "--Alerts:Smtp:From", "alerts@lustrac.test", "--Alerts:Smtp:To", "wg@lustrac.test, ops@lustrac.test",
            "--Alerts:WebhookUrl", hook.Url.ToString());
        await using var feed = await AlertFeed.ConnectAsync(services.MqttPort, server.SiteId);

        // Nothing has been sent since the server started: the gateway is silent.
        await server.WaitUntilAsync(async () => (await OpenKeysAsync(server)).Contains("gateway_silent:gw-1"), Wait, "raising gateway_silent");
        await server.WaitUntilAsync(() => Task.FromResult(smtp.Received.Any(m => m.Data.Contains("gateway_silent gw-1"))), Wait, "mailing it");
        var mail = smtp.Received.First(m => m.Data.Contains("gateway_silent gw-1"));
        Assert.Equal("alerts@lustrac.test", mail.From);
        Assert.Equal(["wg@lustrac.test", "ops@lustrac.test"], mail.To);
        Assert.Contains("Gateway gw-1 has sent no reading", mail.Data);
        await server.WaitUntilAsync(() => Task.FromResult(Notices(hook, "raised").Contains("gateway_silent:gw-1")), Wait, "posting it to the webhook");
        await server.WaitUntilAsync(() => Task.FromResult(feed.OpenKeys().SequenceEqual(["gateway_silent:gw-1"])), Wait, "publishing it on the alerts topic");

        // The gateway sends again: cleared everywhere.
        using var feeding = new CancellationTokenSource();
        var sending = FeedAsync(feed, feeding.Token);
        await server.WaitUntilAsync(async () => (await OpenKeysAsync(server)).Count == 0, Wait, "clearing it");
        await server.WaitUntilAsync(() => Task.FromResult(Notices(hook, "cleared").Contains("gateway_silent:gw-1")), Wait, "posting the clearing");
        await server.WaitUntilAsync(() => Task.FromResult(smtp.Received.Any(m => m.Data.Contains("1 cleared"))), Wait, "mailing the clearing");
        await server.WaitUntilAsync(() => Task.FromResult(feed.OpenKeys().Count == 0), Wait, "emptying the retained list");
        var recent = (await server.GetJsonAsync("api/alerts")).GetProperty("recent").EnumerateArray().First();
        Assert.Equal("gateway_silent:gw-1", recent.GetProperty("key").GetString());
        Assert.NotEqual(JsonValueKind.Null, recent.GetProperty("cleared_at").ValueKind);

        // It stops: raised again, as a new alert.
        await feeding.CancelAsync();
        await sending;
        await server.WaitUntilAsync(async () => (await OpenKeysAsync(server)).Contains("gateway_silent:gw-1"), Wait, "raising it again");
        await server.WaitUntilAsync(() => Task.FromResult(Notices(hook, "raised").Count(k => k == "gateway_silent:gw-1") == 2), Wait, "posting it again");
        var metrics = await server.Http.GetStringAsync("metrics");
        Assert.Contains("lustrac_alerts_open{kind=\"gateway_silent\"} 1\n", metrics);
        Assert.Contains("lustrac_gateway_last_reading_age_seconds{gateway=\"gw-1\"}", metrics);

        // Not public: a shared screen's /api/alerts lists residents' alerts only; and the topic is not quarantined.
        using var anonymous = new HttpClient { BaseAddress = server.Http.BaseAddress };
        var publicView = JsonDocument.Parse(await anonymous.GetStringAsync("api/alerts")).RootElement;
        Assert.Equal("residents", publicView.GetProperty("scope").GetString());
        Assert.Empty(publicView.GetProperty("open").EnumerateArray());
        Assert.Equal(0, (await server.GetJsonAsync("api/quarantine")).GetProperty("total").GetInt64());
    }

    private static async Task FeedAsync(AlertFeed feed, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var device in new[] { "h01-meter", "h02-meter", "pv-1-inverter" })
                await feed.PublishAsync("gw-1", device, DateTimeOffset.UtcNow, "active_power", 500, "W");
            try { await Task.Delay(300, stop); } // a gateway's poll period, not a wait for a result
            catch (OperationCanceledException) { return; }
        }
    }

    private static async Task<List<string>> OpenKeysAsync(RunningServer server) =>
        [.. (await server.GetJsonAsync("api/alerts")).GetProperty("open").EnumerateArray().Select(a => a.GetProperty("key").GetString()!)];

    private static List<string> Notices(WebhookReceiver hook, string kind) =>
        [.. hook.Received.SelectMany(b => b.GetProperty("notices").EnumerateArray())
            .Where(n => n.GetProperty("event").GetString() == kind).Select(n => n.GetProperty("alert").GetProperty("key").GetString()!)];
}
