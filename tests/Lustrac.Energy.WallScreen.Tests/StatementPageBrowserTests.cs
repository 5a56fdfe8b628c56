using System.Globalization;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>
/// The printable statement page in headless Chromium with h01's own token, French then English, over stored interval
/// rows of 21 June 2026, 10:00–10:30 UTC (two quarter hours each): h01 imports 0.75 + 0.75 = 1.5 kWh, h02 1.0 + 1.0 = 2.0,
/// the shared array produces 1.5 + 1.5 = 3.0. Default dynamic key at 30 min: h01 gets 3 × 1.5/3.5 = 1.285714 kWh
/// (shown 1,286), complement 0.214, local share 85.7 %; at 0.12 €/kWh 0.154 € (0,15 €), at 0.1 Abeille/kWh 0,13 Abeilles.
/// </summary>
public sealed class StatementPageBrowserTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-statement-page-").FullName;
    private readonly string _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private readonly int _httpPort = FreePort.Next();
    private WebApplication? _server;
    private ChromeDriver? _browser;
    private const string Token = "statement-page-h01-token";

    private static readonly string SiteYaml = TestSites.Builder("stmtpage").Household("h01").Household("h02").Gateway("gw-1")
        .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h01", address: 1)
        .Device("h02-meter", "gw-1", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h02", address: 2)
        .Settlement(("step_minutes", 30), ("key", "default_dynamic"), ("price_eur_per_kwh", 0.12), ("price_abeille_per_kwh", 0.1))
        .ToYaml();

    private static EnergyIntervalRow Home(DateTime t, string h, double import) =>
        new(t, h, new EnergyParts(import, 0, import, 0, 0, 0, 0, 0, 0), 0, IntervalQuality.Measured, 1, 1);

    private static EnergyIntervalRow Neighbourhood(DateTime t, double c, double p, IntervalQuality q = IntervalQuality.Measured) =>
        new(t, null, q == IntervalQuality.Missing ? default : new EnergyParts(c, p, Math.Max(0, c - p), 0, 0, 0, 0, Math.Min(c, p), Math.Min(c, p)), 0, q, 3, 3);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_screenshots);
        var db = Path.Combine(_folder, "lustrac.db");
        var store = StoredResults.InSqlite(db, "stmtpage");
        await store.InitialiseAsync(CancellationToken.None);
        DateTime t0 = new(2026, 6, 21, 10, 0, 0, DateTimeKind.Utc), t1 = t0.AddMinutes(15);
        List<EnergyIntervalRow> rows = [Home(t0, "h01", 0.75), Home(t1, "h01", 0.75), Home(t0, "h02", 1.0), Home(t1, "h02", 1.0),
            Neighbourhood(t0, 1.75, 1.5), Neighbourhood(t1, 1.75, 1.5)];
        await store.ReplaceAsync(new AutonomyResults(t0, t0.AddMinutes(30), rows, [], [], []) { NeverStored = true }, CancellationToken.None);
        // One (missing) row now, so the server resumes from now rather than recomputing June from no readings.
        var now = IntervalGrid.Covering(DateTime.UtcNow.AddMinutes(-30), DateTime.UtcNow.AddMinutes(-30), 15).StartUtc;
        await store.ReplaceAsync(new AutonomyResults(now, now.AddMinutes(15), [Neighbourhood(now, 0, 0, IntervalQuality.Missing)], [], [], []) { NeverStored = true }, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var siteFile = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(siteFile, SiteYaml);
        var secrets = Path.Combine(_folder, "households.secrets");
        await File.WriteAllTextAsync(secrets, Server.Privacy.HouseholdTokenStore.FileLine("h01", Token) + "\n");
        _server = ServerApp.Build([
            "--site", siteFile, "--urls", $"http://127.0.0.1:{_httpPort}",
            "--Mqtt:Port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--Store:SqlitePath", db,
            "--Privacy:SecretsFile", secrets, "--Quarantine:File", Path.Combine(_folder, "q.jsonl"),
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await _server.StartAsync();
        _browser = Chromium.Start(Path.Combine(_folder, "chromium"));
    }

    private string Cell(string row) => _browser!.FindElement(By.CssSelector($"#summary tr[data-row='{row}'] td")).Text;

    [Fact]
    public async Task The_statement_shows_the_hand_values_in_French_then_English()
    {
        _browser!.Navigate().GoToUrl($"http://127.0.0.1:{_httpPort}/statement.html?household=h01&month=2026-06&token={Token}");
        await Poll.Until(() => Cell("consumption") != "", "the statement loaded");
        try
        {
            Assert.Equal("1,500", Cell("consumption"));
            Assert.Equal("1,286", Cell("autoconsumed"));
            Assert.Equal("0,214", Cell("complement"));
            Assert.Equal("85,7 %", Cell("share"));
            Assert.Equal("0,15 € — 0,13 Abeilles", Cell("stayed"));
            Assert.Equal("Foyer h01 — juin 2026", _browser.FindElement(By.Id("who")).Text);
            Assert.Equal("1 pas de 30 min réglé sur 1440.", _browser.FindElement(By.Id("status")).Text);
            var day = _browser.FindElements(By.CssSelector("#days tbody tr[data-day='2026-06-21'] td")).Select(td => td.Text).ToArray();
            Assert.Equal(["21/06/2026", "1,500", "1,286", "0,214", "1/48"], day);
            Assert.Contains("/api/settlement/statement.csv?household=h01&month=2026-06", _browser.FindElement(By.Id("csv")).GetDomProperty("href"));
            Screenshot("statement-fr");

            _browser.FindElement(By.Id("lang")).Click();
            await Poll.Until(() => Cell("autoconsumed") == "1.286", "the statement in English");
            Assert.Equal("Household h01 — June 2026", _browser.FindElement(By.Id("who")).Text);
            Assert.Equal("0.15 € — 0.13 Abeilles", Cell("stayed"));
            Screenshot("statement-en");
        }
        catch
        {
            Screenshot("statement-failure");
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
