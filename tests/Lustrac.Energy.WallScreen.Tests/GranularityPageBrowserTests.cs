using Lustrac.Energy.Server.ResultStore;
using System.Globalization;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>
/// The training centre's granularity page in headless Chromium, French then English, on the hand-computed two days of
/// GranularityComparisonGoldenTests stored as the engine's interval rows: per interval 2 of 11 kWh consumed were
/// covered (18.2 %), per hour 36.4 %, per day 63.6 %, per month and year 81.8 %. Screenshots go to bin/…/screenshots/.
/// </summary>
public sealed class GranularityPageBrowserTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-granularity-page-").FullName;
    private readonly string _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private readonly int _httpPort = FreePort.Next();
    private WebApplication? _server;
    private ChromeDriver? _browser;

    // Five homes: a shared page shows the neighbourhood's figures only from five up (the privacy rule 4).
    private static string SiteYaml()
    {
        var site = TestSites.Builder("granpage");
        for (var i = 1; i <= 5; i++) site.Household($"h{i:00}");
        site.Gateway("gw-1");
        for (var i = 1; i <= 5; i++)
            site.Device($"h{i:00}-meter", "gw-1", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: $"h{i:00}", address: i);
        return site.ToYaml();
    }

    private static EnergyIntervalRow Row(DateTime start, double c, double p, IntervalQuality quality = IntervalQuality.Measured) =>
        new(start, null, quality == IntervalQuality.Missing ? default : new EnergyParts(c, p, 0, 0, 0, 0, 0, Math.Min(c, p), Math.Min(c, p)), 0, quality, 2, 2);

    private static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 1, day, hour, minute, 0, DateTimeKind.Utc);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_screenshots);
        var db = Path.Combine(_folder, "lustrac.db");
        // The engine's rows for the two days, and one (missing) row now, so the server resumes from now, not January.
        var now = IntervalGrid.Covering(DateTime.UtcNow.AddMinutes(-30), DateTime.UtcNow.AddMinutes(-30), 15).StartUtc;
        var store = StoredResults.InSqlite(db, "granpage");
        await store.InitialiseAsync(CancellationToken.None);
        List<EnergyIntervalRow> rows = [Row(Utc(12, 10), 1, 3), Row(Utc(12, 10, 15), 2, 0), Row(Utc(12, 18), 4, 0), Row(Utc(13, 10), 1, 6), Row(Utc(13, 19), 3, 0)];
        await store.ReplaceAsync(new AutonomyResults(Utc(11, 23), Utc(13, 23), rows, [], [], []) { NeverStored = true }, CancellationToken.None);
        await EnergyDays.RefreshAsync(store, [Utc(11, 23), Utc(12, 23), Utc(13, 23)], CancellationToken.None);
        await store.ReplaceAsync(new AutonomyResults(now, now.AddMinutes(15), [Row(now, 0, 0, IntervalQuality.Missing)], [], [], []) { NeverStored = true }, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var siteFile = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(siteFile, SiteYaml());
        _server = ServerApp.Build([
            "--site", siteFile, "--urls", $"http://127.0.0.1:{_httpPort}",
            "--Mqtt:Port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--Store:SqlitePath", db,
            "--Privacy:SecretsFile", Path.Combine(_folder, "households.secrets"), "--Quarantine:File", Path.Combine(_folder, "q.jsonl"),
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await _server.StartAsync();
        _browser = Chromium.Start(Path.Combine(_folder, "chromium"));
    }

    private string[] Row(string netting) =>
        _browser!.FindElements(By.CssSelector($"#table tr[data-netting='{netting}'] td")).Select(td => td.Text).ToArray();

    [Fact]
    public async Task The_page_shows_each_netting_with_the_hand_values_in_French_and_English()
    {
        _browser!.Navigate().GoToUrl($"http://127.0.0.1:{_httpPort}/granularity.html?from=2026-01-12&to=2026-01-14");
        await Poll.Until(() => _browser.FindElements(By.CssSelector("#table tbody tr")).Count == 5, "five nettings in the table");
        try
        {
            // netting, steps, self-consumed kWh, self-sufficiency, self-consumption, points above the interval figure
            Assert.Equal(["intervalle", "5", "2,0", "18,2 %", "22,2 %", "+0,0"], Row("interval"));
            Assert.Equal(["heure", "4", "4,0", "36,4 %", "44,4 %", "+18,2"], Row("hour"));
            Assert.Equal(["jour", "2", "7,0", "63,6 %", "77,8 %", "+45,5"], Row("day"));
            Assert.Equal(["mois", "1", "9,0", "81,8 %", "100,0 %", "+63,6"], Row("month"));
            Assert.Equal(["année", "1", "9,0", "81,8 %", "100,0 %", "+63,6"], Row("year"));
            Assert.Contains("stockée gratuitement", _browser.FindElement(By.Id("why")).Text);
            Assert.Contains("5 intervalles sur 192", _browser.FindElement(By.Id("status")).Text);
            // Ten bars, their heights in proportion: the day's self-sufficiency bar 63.6 % of the 240-pixel axis.
            var bars = _browser.FindElements(By.CssSelector("#chart rect[data-netting]"));
            Assert.Equal(10, bars.Count);
            Assert.Equal(240 * 7.0 / 11, double.Parse(bars[4].GetDomAttribute("height")!, CultureInfo.InvariantCulture), 3);
            Assert.EndsWith("/api/autonomy/granularity.csv?from=2026-01-12&to=2026-01-14", _browser.FindElement(By.Id("csv")).GetDomProperty("href"));
            Assert.Equal("2026-01-13", _browser.FindElement(By.Id("to")).GetDomProperty("value")); // shown inclusive: two days
            Assert.Equal(["lundi 12 janvier 2026", "mardi 13 janvier 2026"], _browser.FindElements(By.CssSelector(".date-words")).Select(w => w.Text));
            Screenshot("granularity-fr");

            _browser.FindElement(By.Id("lang")).Click();
            await Poll.Until(() => Row("interval").FirstOrDefault() == "interval", "the table in English");
            Assert.Equal(["day", "2", "7.0", "63.6 %", "77.8 %", "+45.5"], Row("day"));
            Assert.Contains("stored for free", _browser.FindElement(By.Id("why")).Text);
            Assert.Equal("Netted per", _browser.FindElement(By.CssSelector("#table th")).Text);
            Screenshot("granularity-en");
        }
        catch
        {
            Screenshot("granularity-failure");
            throw;
        }
    }

    private void Screenshot(string name) => _browser!.GetScreenshot().SaveAsFile(Path.Combine(_screenshots, name + ".png"));

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        if (_server is not null) { await _server.StopAsync(); await _server.DisposeAsync(); }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
