using System.Globalization;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Gateway;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>
/// The wall screen in real headless Chromium, on the emulated site: emulated meters and inverter → gateway →
/// real Mosquitto → server (embedded SQLite store, no Grafana) → Server-Sent Events → the page.
/// Screenshots go to bin/…/screenshots/.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class WallScreenBrowserTests(SharedServices services) : IAsyncLifetime
{
    private readonly ScreenTestSite _site = new(modbusPort: FreePort.Next());
    private readonly int _httpPort = FreePort.Next();
    private readonly string _screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
    private EmulatedSite? _emulated;
    private WebApplication? _server;
    private IHost? _gateway;
    private ChromeDriver? _browser;
    private MqttFeed? _feed;

    private string Mqtt => services.MqttPort.ToString(CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        // Early afternoon in Lustrac, so the shared array produces.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddHours(13);
        _emulated = await EmulatedSite.StartAsync(SiteLoader.LoadFile(_site.SiteFile),
            new EmulatedSiteOptions { Seed = 11, Start = new DateTimeOffset(today, zone.GetUtcOffset(today)) });
        await StartServerAsync();
        _gateway = GatewayApp.Build(["--site", _site.SiteFile, "--gateway", "gw-1", "--mqtt-host", "127.0.0.1", "--mqtt-port", Mqtt,
            "--outbox", Path.Combine(_site.Folder, "outbox")]);
        await _gateway.StartAsync();
        _feed = await MqttFeed.ConnectAsync(services.MqttPort);
        _browser = Chromium.Start(Path.Combine(_site.Folder, "chromium-profile"));
    }

    private async Task StartServerAsync()
    {
        _server = ServerApp.Build(_site.ServerArgs(_httpPort, "--Mqtt:Embedded", "false", "--Mqtt:Port", Mqtt));
        await _server.StartAsync();
    }

    private async Task StopServerAsync()
    {
        await _server!.StopAsync();
        await _server.DisposeAsync();
        _server = null;
    }

    /// <summary>An element's text, "—" while it is not there: the live cards are drawn with the first snapshot and redrawn with each.</summary>
    private string Text(string id)
    {
        try { return _browser!.FindElements(By.Id(id)).FirstOrDefault()?.Text ?? "—"; }
        catch (StaleElementReferenceException) { return "—"; }
    }
    /// <summary>The tank panel without spaces: French groups thousands with a narrow no-break space.</summary>
    private string TanksText() => System.Text.RegularExpressions.Regex.Replace(Text("tanks"), @"\s", "");
    private int Snapshots() => int.TryParse(_browser!.FindElement(By.TagName("body")).GetDomAttribute("data-snapshots"), out var n) ? n : 0;
    private bool Stale() => _browser!.FindElement(By.Id("stale")).Displayed;

    private void Screenshot(string name) => _browser!.GetScreenshot().SaveAsFile(Path.Combine(_screenshots, name + ".png"));

    /// <summary>A depth, as the level sensor reports it; the screen turns it into litres with the site model's geometry.</summary>
    private Task PublishTankAsync(double depthM, DateTimeOffset at) =>
        _feed!.PublishAsync(_site.SiteId, "gw-tanks", "tank-1-level", "tank_level", "m", depthM, at);

    [Fact]
    public Task The_screen_shows_live_values_goes_stale_when_the_server_stops_and_recovers_by_itself() => WithScreenshotOnFailure(Scenario);

    private async Task WithScreenshotOnFailure(Func<Task> test)
    {
        try { await test(); }
        catch
        {
            Screenshot("failure");
            throw;
        }
    }

    private async Task Scenario()
    {
        var now = DateTimeOffset.UtcNow;
        // An hour of draw-down, so days of water left can be shown. tank-1 stands 2 m wide: π × 1² × depth m³, so
        // 1.65 / 1.62 / 1.59 m hold 5183.6 / 5089.4 / 4995.1 L; then 1.56 m holds 4900.9 L.
        await PublishTankAsync(1.65, now.AddMinutes(-60));
        await PublishTankAsync(1.62, now.AddMinutes(-30));
        await PublishTankAsync(1.59, now);

        _browser!.Navigate().GoToUrl($"http://127.0.0.1:{_httpPort}/?token={ScreenTestSite.TokenOf("h01")}");
        await Poll.Until(() => Text("home-w") != "—" && Text("solar-w") != "—", "home and solar values on the screen");
        await Poll.Until(() => TanksText().Contains("4995L", StringComparison.Ordinal), "tank volume on the screen");
        Assert.Contains("Maison 1", Text("title"));
        Assert.DoesNotContain("token", _browser.Url); // the secret left the address bar
        Assert.Matches(@"\d+(,\d)? jours", Text("tanks"));
        Assert.False(Stale());
        Screenshot("1-live-fr");

        // Values change as readings arrive: the pushed snapshots count up and a new tank reading shows.
        var before = Snapshots();
        await PublishTankAsync(1.56, DateTimeOffset.UtcNow);
        await Poll.Until(() => TanksText().Contains("4901L", StringComparison.Ordinal), "new tank volume");
        Assert.True(Snapshots() > before);

        // The server goes away: the last values stay, under a visible banner.
        var shownPower = Text("home-w");
        await StopServerAsync();
        await Poll.Until(Stale, "stale banner after the server stopped");
        Assert.Contains("depuis", Text("stale"));
        Assert.Equal(shownPower, Text("home-w"));
        Screenshot("2-stale-fr");

        // English on demand.
        _browser.FindElement(By.Id("lang")).Click();
        await Poll.Until(() => Text("stale").Contains("since", StringComparison.Ordinal), "English banner");
        Screenshot("3-stale-en");
        _browser.FindElement(By.Id("lang")).Click();

        // Back on the same port: the screen reconnects by itself and the banner goes.
        await StartServerAsync();
        var afterRestart = Snapshots();
        await Poll.Until(() => !Stale() && Snapshots() > afterRestart, "recovery after the server came back", seconds: 60);
        await Poll.Until(() => Text("home-w") != "—", "home power after recovery");
        Screenshot("4-recovered-fr");
    }

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        if (_feed is not null) await _feed.DisposeAsync();
        if (_gateway is not null) { await _gateway.StopAsync(); _gateway.Dispose(); }
        if (_server is not null) await StopServerAsync();
        if (_emulated is not null) await _emulated.DisposeAsync();
        _site.Dispose();
    }
}
