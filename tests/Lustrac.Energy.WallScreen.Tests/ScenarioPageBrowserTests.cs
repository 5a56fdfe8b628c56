using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
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
/// The working group's scenario page in headless Chromium: build "PV × 2 + a 10 kWh shared battery" in the form,
/// save it with the operator token, read the comparison (table and two charts) in French then English, and check
/// that what is shown is the API's figures. Two days of stored interval rows (20–21 June 2026, Paris) for two homes
/// and the 9 kWp array. Screenshots go to bin/…/screenshots/.
/// </summary>
public sealed class ScenarioPageBrowserTests : IAsyncLifetime
{
    private const string OperatorToken = "scenario-page-operator";
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-scenario-page-").FullName;
    private readonly string _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private readonly int _httpPort = FreePort.Next();
    private WebApplication? _server;
    private ChromeDriver? _browser;

    private static readonly string SiteYaml = TestSites.Builder("scenpage").Household("h01").Household("h02")
        .Asset("pv-1", AssetKind.PvArray, ("name", "Toit de l'atelier"), ("peak_kw", 9), ("tilt_deg", 30), ("azimuth_deg", 180))
        .Gateway("gw-1")
        .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h01", address: 1)
        .Device("h02-meter", "gw-1", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h02", address: 2)
        .Device("pv-1-inverter", "gw-1", DeviceKinds.SunSpecInverter, "modbus-tcp://127.0.0.1:1502", Roles.PvProduction, asset: "pv-1", address: 3)
        .ToYaml();

    /// <summary>Homes: 0.2 kWh a quarter-hour, 0.5 in the evening (17–20 h UTC). Array: a half-sine from 4 to 20 h UTC, 1.6 kWh at its top.</summary>
    private static List<EnergyIntervalRow> Rows(DateTime from, int count)
    {
        var rows = new List<EnergyIntervalRow>();
        for (int k = 0; k < count; k++)
        {
            var t = from.AddMinutes(15 * k);
            double hour = t.Hour + t.Minute / 60.0, c = hour is >= 17 and < 20 ? 0.5 : 0.2;
            double p = hour is > 4 and < 20 ? 1.6 * Math.Sin(Math.PI * (hour - 4) / 16) : 0;
            rows.Add(new(t, "h01", new EnergyParts(c, 0, c, 0, 0, 0, 0, 0, 0), 0, IntervalQuality.Measured, 1, 1));
            rows.Add(new(t, "h02", new EnergyParts(c, 0, c, 0, 0, 0, 0, 0, 0), 0, IntervalQuality.Measured, 1, 1));
            rows.Add(new(t, null, new EnergyParts(2 * c, p, 0, 0, 0, 0, 0, 0, 0), 0, IntervalQuality.Measured, 3, 3));
        }
        return rows;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_screenshots);
        var db = Path.Combine(_folder, "lustrac.db");
        var store = StoredResults.InSqlite(db, "scenpage");
        await store.InitialiseAsync(CancellationToken.None);
        var from = new DateTime(2026, 6, 19, 22, 0, 0, DateTimeKind.Utc); // 20 June, local midnight
        await store.ReplaceAsync(new AutonomyResults(from, from.AddDays(2), Rows(from, 192), [], [], []) { NeverStored = true }, CancellationToken.None);
        var now = IntervalGrid.Covering(DateTime.UtcNow.AddMinutes(-30), DateTime.UtcNow.AddMinutes(-30), 15).StartUtc;
        await store.ReplaceAsync(new AutonomyResults(now, now.AddMinutes(15), [new(now, null, default, 0, IntervalQuality.Missing, 0, 3)], [], [], []) { NeverStored = true }, CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var siteFile = Path.Combine(_folder, "site.yaml");
        await File.WriteAllTextAsync(siteFile, SiteYaml);
        var secrets = Path.Combine(_folder, "households.secrets");
        await File.WriteAllTextAsync(secrets, Server.Privacy.HouseholdTokenStore.FileLine("operator", OperatorToken) + "\n");
        _server = ServerApp.Build([
            "--site", siteFile, "--urls", $"http://127.0.0.1:{_httpPort}",
            "--Mqtt:Port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--Store:SqlitePath", db,
            "--Privacy:SecretsFile", secrets, "--Quarantine:File", Path.Combine(_folder, "q.jsonl"),
            "--Scenarios:File", Path.Combine(_folder, "scenarios.json"), "--Logging:LogLevel:Default", "Warning",
        ]);
        await _server.StartAsync();
        _browser = Chromium.Start(Path.Combine(_folder, "chromium"));
    }

    private string[] Figure(string key) =>
        _browser!.FindElements(By.CssSelector($"#summary tr[data-figure='{key}'] td")).Select(td => td.Text).ToArray();

    /// <summary>The page's format, written out: one decimal, a comma in French (the test host runs invariant globalization).</summary>
    private static string Pct(double v, string lang)
    {
        var text = (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        return lang == "fr" ? text.Replace('.', ',') : text;
    }

    [Fact]
    public async Task Building_pv_x2_and_a_battery_shows_the_api_comparison_in_French_and_English()
    {
        _browser!.Navigate().GoToUrl($"http://127.0.0.1:{_httpPort}/scenarios.html?token={OperatorToken}&from=2026-06-20&to=2026-06-22");
        await Poll.Until(() => _browser.FindElements(By.CssSelector("[data-array='pv-1']")).Count == 1, "the array in the form");
        try
        {
            // The link's "to" is the API's exclusive end; the page shows the last day included, spelled in French
            // whatever format the browser draws its date inputs in.
            Assert.Equal("2026-06-21", _browser.FindElement(By.Id("to")).GetDomProperty("value"));
            Assert.Equal(["samedi 20 juin 2026", "dimanche 21 juin 2026"], _browser.FindElements(By.CssSelector(".date-words")).Select(w => w.Text));
            _browser.FindElement(By.Id("name")).SendKeys("PV ×2 + batterie");
            var factor = _browser.FindElement(By.CssSelector("[data-array='pv-1']"));
            factor.Clear(); factor.SendKeys("2");
            _browser.FindElement(By.Id("bat-kwh")).SendKeys("10");
            _browser.FindElement(By.Id("bat-kw")).SendKeys("3");
            _browser.FindElement(By.CssSelector("#build button[type=submit]")).Click();
            await Poll.Until(() => Figure("ss").Length == 4 && Figure("ss")[1] != "", "the comparison table");

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}/") };
            http.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
            var list = await http.GetFromJsonAsync<JsonElement>("api/scenarios");
            var saved = list.GetProperty("scenarios")[0];
            Assert.Equal(2, saved.GetProperty("spec").GetProperty("scaledArrays")[0].GetProperty("factor").GetDouble());
            Assert.Equal(0.9, saved.GetProperty("spec").GetProperty("batteries")[0].GetProperty("roundTripEfficiency").GetDouble());
            var id = saved.GetProperty("id").GetString();
            var range = (await http.GetFromJsonAsync<JsonElement>($"api/scenarios/{id}/result?from=2026-06-20&to=2026-06-22&resolution=range")).GetProperty("neighbourhood")[0];
            double ssActual = range.GetProperty("actual").GetProperty("self_sufficiency").GetDouble(), ssScenario = range.GetProperty("scenario").GetProperty("self_sufficiency").GetDouble();
            Assert.True(ssScenario > ssActual + 0.05, $"PV × 2 and a battery should raise SS well above {ssActual}: {ssScenario}");
            Assert.Equal(["Taux d’autoproduction", Pct(ssActual, "fr"), Pct(ssScenario, "fr")], Figure("ss")[..3]);
            Assert.StartsWith("+", Figure("ss")[3]);
            Assert.Contains(",", Figure("cyc")[2]);
            // Two days by day: two pairs of bars in each chart, carrying the API's daily figures.
            var days = (await http.GetFromJsonAsync<JsonElement>($"api/scenarios/{id}/result?from=2026-06-20&to=2026-06-22&resolution=day")).GetProperty("neighbourhood");
            var bars = _browser.FindElements(By.CssSelector("#chart-ss rect[data-start]"));
            Assert.Equal(4, bars.Count);
            Assert.Equal(days[1].GetProperty("scenario").GetProperty("self_sufficiency").GetDouble(),
                double.Parse(bars[3].GetDomAttribute("data-value")!, CultureInfo.InvariantCulture), 9);
            Assert.Equal(4, _browser.FindElements(By.CssSelector("#chart-import rect[data-start]")).Count);
            Screenshot("scenarios-fr");

            _browser.FindElement(By.Id("lang")).Click();
            await Poll.Until(() => Figure("ss").FirstOrDefault() == "Self-sufficiency", "the table in English");
            Assert.Equal(Pct(ssScenario, "en"), Figure("ss")[2]);
            Assert.Contains("20 June 2026", _browser.FindElements(By.CssSelector(".date-words"))[0].Text);
            Screenshot("scenarios-en");
        }
        catch
        {
            Screenshot("scenarios-failure");
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
