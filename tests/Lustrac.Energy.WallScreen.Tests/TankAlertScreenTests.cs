using System.Globalization;
using Lustrac.Energy.Server;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>
/// A residents' alert on the shared wall screen, in real headless Chromium: tank depths fed through real Mosquitto,
/// the engine's tank figures, the alert rule, the snapshot stream, the banner in the screen's language.
/// Screenshots go to bin/…/screenshots/.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class TankAlertScreenTests(SharedServices services) : IAsyncLifetime
{
    private readonly ScreenTestSite _site = new(modbusPort: FreePort.Next());
    private readonly int _httpPort = FreePort.Next();
    private readonly string _screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    private WebApplication? _server;
    private ChromeDriver? _browser;
    private MqttFeed? _feed;

    public async Task InitializeAsync()
    {
        _server = ServerApp.Build(_site.ServerArgs(_httpPort, "--Mqtt:Embedded", "false",
            "--Mqtt:Port", services.MqttPort.ToString(CultureInfo.InvariantCulture),
            "--Alerts:EvaluateSeconds", "1", "--Autonomy:GraceSeconds", "0"));
        await _server.StartAsync();
        _feed = await MqttFeed.ConnectAsync(services.MqttPort);
        _browser = Chromium.Start(Path.Combine(_site.Folder, "chromium-profile"));
    }

    private Task PublishTankAsync(double depthM, DateTimeOffset at) =>
        _feed!.PublishAsync(_site.SiteId, "gw-tanks", "tank-1-level", "tank_level", "m", depthM, at);

    private string AlertsText() => _browser!.FindElement(By.Id("alerts")).Text;
    private bool AlertsShown() => _browser!.FindElement(By.Id("alerts")).Displayed;

    [Fact]
    public async Task A_tank_running_low_is_a_banner_on_the_shared_screen_in_its_language_and_goes_when_it_rains()
    {
        // Six hours of use: 0.50 m down to 0.30 m in a 2 m wide tank, 628 L drawn with 942 L left, 1.5 days at that use.
        var start = DateTimeOffset.UtcNow.AddHours(-7);
        for (var i = 0; i <= 24; i++) await PublishTankAsync(0.5 - 0.2 * i / 24, start.AddMinutes(15 * i));

        _browser!.Navigate().GoToUrl($"http://127.0.0.1:{_httpPort}/"); // a shared screen: no token
        await Poll.Until(AlertsShown, "the low-tank banner", seconds: 90);
        Assert.Contains("tank-1", AlertsText());
        Assert.Contains("presque vide", AlertsText());
        Assert.Matches(@"\d+(,\d)? jours", AlertsText());
        _browser.GetScreenshot().SaveAsFile(Path.Combine(_screenshots, "tank-alert-fr.png"));

        _browser.FindElement(By.Id("lang")).Click();
        await Poll.Until(() => AlertsText().Contains("running low", StringComparison.Ordinal), "the English banner");
        _browser.GetScreenshot().SaveAsFile(Path.Combine(_screenshots, "tank-alert-en.png"));

        // A storm fills it to 1.5 m: 4,712 L at the same use is 7.5 days, no longer low.
        await PublishTankAsync(1.5, start.AddMinutes(15 * 25));
        await Poll.Until(() => !AlertsShown(), "the banner gone after the rain", seconds: 90);
    }

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        if (_feed is not null) await _feed.DisposeAsync();
        if (_server is not null) { await _server.StopAsync(); await _server.DisposeAsync(); }
        _site.Dispose();
    }
}
