using System.Text.Json;
using Lustrac.Energy.Server.Tests.Autonomy;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests.Alerts;

/// <summary>
/// A tank draining, fed through the real broker as depth readings: the engine stores its tank_state, the tank alert is
/// raised for everyone (shared screen included) and cleared when rain fills the tank.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class TankAlertEndToEndTests(SharedServices services)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_draining_tank_is_shown_low_to_residents_and_cleared_by_rain()
    {
        await using var server = await RunningServer.StartWithSiteAsync("sqlite", services.MqttPort, services.InfluxUrl, id => AutonomyTestSite.Yaml(id),
            "--Alerts:EvaluateSeconds", "1", "--Autonomy:GraceSeconds", "0");
        await using var feed = await AlertFeed.ConnectAsync(services.MqttPort, server.SiteId);
        using var shared = new HttpClient { BaseAddress = server.Http.BaseAddress }; // a shared screen: no token

        // Six hours of use: 0.50 m down to 0.30 m in a 2 m wide tank, 628 L drawn with 942 L left: 1.5 days.
        var start = DateTimeOffset.UtcNow.AddHours(-7);
        for (var i = 0; i <= 24; i++) await feed.PublishAsync("gw-1", "tank-1-level", start.AddMinutes(15 * i), "tank_level", 0.5 - 0.2 * i / 24, "m");

        await server.WaitUntilAsync(async () => (await OpenAsync(shared, "api/alerts")).Any(a => a.GetProperty("key").GetString() == "tank_low:tank-1"),
            Wait, "showing tank-1 low to residents");
        var low = (await OpenAsync(shared, "api/alerts")).Single(a => a.GetProperty("key").GetString() == "tank_low:tank-1");
        Assert.Contains("1.5 days", low.GetProperty("message").GetString());
        var screen = JsonDocument.Parse(await shared.GetStringAsync("api/screen")).RootElement;
        Assert.Contains(screen.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("kind").GetString() == "tank_low" && a.GetProperty("subject").GetString() == "tank-1");
        Assert.DoesNotContain((await OpenAsync(shared, "api/alerts")), a => a.GetProperty("audience").GetString() == "operator");

        // A storm fills it to 1.5 m: 4,712 L at the same use is 7.5 days.
        await feed.PublishAsync("gw-1", "tank-1-level", start.AddMinutes(15 * 25), "tank_level", 1.5, "m");
        await server.WaitUntilAsync(async () => !(await OpenAsync(shared, "api/alerts")).Any(a => a.GetProperty("kind").GetString() == "tank_low"),
            Wait, "clearing tank-1 low");
        var recent = JsonDocument.Parse(await shared.GetStringAsync("api/alerts")).RootElement.GetProperty("recent").EnumerateArray();
        Assert.Contains(recent, a => a.GetProperty("key").GetString() == "tank_low:tank-1");
        Assert.Empty(JsonDocument.Parse(await shared.GetStringAsync("api/screen")).RootElement.GetProperty("alerts").EnumerateArray());
    }

    private static async Task<List<JsonElement>> OpenAsync(HttpClient http, string path) =>
        [.. JsonDocument.Parse(await http.GetStringAsync(path)).RootElement.GetProperty("open").EnumerateArray().Select(e => e.Clone())];
}
