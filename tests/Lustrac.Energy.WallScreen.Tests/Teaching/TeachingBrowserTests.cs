using System.Globalization;
using System.Text.Json;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
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

namespace Lustrac.Energy.WallScreen.Tests.Teaching;

/// <summary>
/// The training centre's pages in headless Chromium on the shared screen of <see cref="ScreenTestSite"/> (six homes):
/// a figure's "?" opens its explanation (French, then English) whose table and filled formula are the API's numbers;
/// the granularity page links to it; a past day replays at a chosen speed, then the screen goes back to live.
/// The engine's rows for yesterday and today are stored directly (a sun curve); screenshots go to bin/…/screenshots/.
/// </summary>
public sealed class TeachingBrowserTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly ScreenTestSite _site = new(FreePort.Next());
    private readonly string _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private readonly int _httpPort = FreePort.Next();
    private readonly HttpClient _http = new();
    private WebApplication? _server;
    private ChromeDriver? _browser;
    private DateOnly _today;

    private string Url(string path) => $"http://127.0.0.1:{_httpPort}/{path}";
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Slot k of a local day (15 min): production 4 × sin(π (k − 28) / 40) kWh from 07:00 to 17:00, else 0; consumption
    /// 1.2 kWh, 2.0 from 18:00 to 22:00. Rounded to the watt-hour, so every cell shows exactly.
    /// </summary>
    private static EnergyIntervalRow Row(DateTime start, int k)
    {
        double p = k is >= 28 and < 68 ? Math.Round(4 * Math.Sin(Math.PI * (k - 28) / 40), 3) : 0;
        double c = k is >= 72 and < 88 ? 2.0 : 1.2, m = Math.Min(c, p);
        return new(start, null, new EnergyParts(c, p, Math.Max(0, c - p), Math.Max(0, p - c), 0, 0, m, m, m), 0, IntervalQuality.Measured, 7, 7);
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_screenshots);
        _today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Paris));
        DateTime yesterday = LocalCalendar.StartUtc(_today.AddDays(-1), Paris), today = LocalCalendar.StartUtc(_today, Paris);
        // Yesterday whole; today up to the last interval closed 20 minutes ago (the server closes the rest itself).
        var closedUntil = IntervalGrid.Covering(DateTime.UtcNow.AddMinutes(-20), DateTime.UtcNow.AddMinutes(-20), 15).StartUtc;
        var rows = new List<EnergyIntervalRow>();
        for (var (t, k) = (yesterday, 0); t < closedUntil; t = t.AddMinutes(15), k = t == today ? 0 : k + 1) rows.Add(Row(t, k));
        var store = StoredResults.InSqlite(Path.Combine(_site.Folder, "lustrac.db"), _site.SiteId);
        await store.InitialiseAsync(CancellationToken.None);
        await store.ReplaceAsync(new AutonomyResults(yesterday, closedUntil, rows, [], [], []) { NeverStored = true }, CancellationToken.None);
        await EnergyDays.RefreshAsync(store, [yesterday, today, LocalCalendar.StartUtc(_today.AddDays(1), Paris)], CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        _server = ServerApp.Build(_site.ServerArgs(_httpPort, "--Mqtt:Port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--Quarantine:File", Path.Combine(_site.Folder, "q.jsonl"), "--Logging:LogLevel:Default", "Warning"));
        await _server.StartAsync();
        _browser = Chromium.Start(Path.Combine(_site.Folder, "chromium"));
    }

    private string Cell(string start, string column) =>
        _browser!.FindElement(By.CssSelector($"#table tbody tr[data-start='{start}'] td[data-column='{column}']")).Text;

    [Fact]
    public async Task A_figure_s_question_mark_opens_its_explanation_with_the_api_s_numbers_in_French_then_English()
    {
        _browser!.Navigate().GoToUrl(Url(""));
        try
        {
            await Poll.Until(() => _browser.FindElements(By.CssSelector("a.explain-link[data-explain='week']")).Count == 1, "the week's '?' link");
            var link = _browser.FindElement(By.CssSelector("a.explain-link[data-explain='week']"));
            Assert.Equal("Comment est-ce calculé ?", link.GetDomAttribute("title"));
            var expected = $"/explain.html?figure=self_sufficiency&from={Iso(_today.AddDays(-6))}&to={Iso(_today.AddDays(1))}&lang=fr";
            Assert.EndsWith(expected, link.GetDomProperty("href"));
            await Poll.Until(() => _browser.FindElements(By.CssSelector("#tanks .tank[data-asset='tank-1'] a.explain-link")).Count == 1, "the tank's '?' link", seconds: 15);
            Screenshot("screen-with-explain-links");
            link.Click();

            // Yesterday 12:00 local is slot 48: production 4 × sin(π × 20 / 40) = 4, consumption 1.2 → self-consumed 1.2, export 2.8.
            var noon = TimeZoneInfo.ConvertTimeToUtc(_today.AddDays(-1).ToDateTime(new TimeOnly(12, 0)), Paris).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            await Poll.Until(() => _browser.FindElements(By.CssSelector($"#table tbody tr[data-start='{noon}']")).Count == 1, "yesterday noon in the table");
            using var api = JsonDocument.Parse(await _http.GetStringAsync(Url($"api/explain/self_sufficiency?from={Iso(_today.AddDays(-6))}&to={Iso(_today.AddDays(1))}")));
            var row = api.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("start").GetString() == noon);
            // French numbers as the page writes them: a decimal comma (the test process runs without ICU cultures).
            var fr = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            fr.NumberFormat.NumberDecimalSeparator = ",";
            Assert.Equal(4.0, row.GetProperty("production_kwh").GetDouble());
            Assert.Equal("4", Cell(noon, "production_kwh"));
            Assert.Equal("1,2", Cell(noon, "self_consumed_kwh"));
            Assert.Equal(row.GetProperty("export_kwh").GetDouble().ToString("0.###", fr), Cell(noon, "export_kwh"));
            var sums = api.RootElement.GetProperty("sums");
            string N(string column, CultureInfo c) => sums.GetProperty(column).GetDouble().ToString("0.####", c);
            var filled = _browser.FindElement(By.Id("filled")).Text;
            Assert.StartsWith($"autoproduction = {N("locally_supplied_kwh", fr)} ÷ {N("consumption_kwh", fr)} = ", filled);
            Assert.Equal("mesuré", _browser.FindElement(By.CssSelector($"#table tbody tr[data-start='{noon}'] td:nth-child(2)")).Text);
            Assert.Equal(api.RootElement.GetProperty("value").GetDouble().ToString("R", CultureInfo.InvariantCulture), _browser.FindElement(By.Id("filled")).GetDomAttribute("data-value"));
            Assert.Contains("Taux d'autoproduction", _browser.FindElement(By.Id("title")).Text);
            Assert.Contains("6 foyer(s)", _browser.FindElement(By.Id("hidden")).Text); // the shared screen sees no home's shares
            Screenshot("explain-fr");

            _browser.FindElement(By.Id("lang")).Click();
            await Poll.Until(() => _browser.FindElement(By.Id("title")).Text.StartsWith("Self-sufficiency", StringComparison.Ordinal), "the page in English");
            Assert.Equal("1.2", Cell(noon, "self_consumed_kwh"));
            Assert.StartsWith($"self-sufficiency = {N("locally_supplied_kwh", CultureInfo.InvariantCulture)} ÷ {N("consumption_kwh", CultureInfo.InvariantCulture)} = ",
                _browser.FindElement(By.Id("filled")).Text);
            Assert.Contains("Consumption (kWh)", _browser.FindElement(By.CssSelector("#table thead")).Text);
            Assert.Contains("/api/explain/self_sufficiency.csv?", _browser.FindElement(By.Id("csv")).GetDomProperty("href"));
            Screenshot("explain-en");
        }
        catch
        {
            Screenshot("explain-failure");
            throw;
        }
    }

    [Fact]
    public async Task The_granularity_page_links_to_the_explanation_of_the_same_range()
    {
        var (from, to) = (Iso(_today.AddDays(-1)), Iso(_today));
        _browser!.Navigate().GoToUrl(Url($"granularity.html?from={from}&to={to}"));
        await Poll.Until(() => _browser.FindElements(By.CssSelector("#chart rect[data-netting]")).Count == 10, "the granularity chart");
        Screenshot("granularity-with-explain-link");
        _browser.FindElement(By.Id("explain")).Click();
        await Poll.Until(() => _browser.FindElements(By.CssSelector("#table tbody tr")).Count >= 92, "yesterday's intervals explained");
        Assert.Equal(from, _browser.FindElement(By.Id("from")).GetDomProperty("value"));
        Assert.Equal(from, _browser.FindElement(By.Id("to")).GetDomProperty("value")); // the page shows "to" inclusive: yesterday only
    }

    [Fact]
    public async Task The_keys_page_on_the_shared_screen_shows_the_neighbourhood_and_says_why_no_household_is_shown()
    {
        _browser!.Navigate().GoToUrl(Url(""));
        await Poll.Until(() => _browser.FindElements(By.Id("teach-keys")).Count == 1 && _browser.FindElement(By.Id("teach-keys")).Displayed, "the keys link in the replay bar");
        _browser.FindElement(By.Id("teach-keys")).Click();
        await Poll.Until(() => _browser.FindElements(By.CssSelector("#table tfoot tr[data-scope='neighbourhood']")).Count == 1, "the neighbourhood's row");
        Assert.Empty(_browser.FindElements(By.CssSelector("#table tbody tr")));
        // Six homes, no token: the server names none and says so (its French words on a French page).
        Assert.StartsWith("un écran partagé (sans jeton) ne voit aucun foyer, seulement le quartier : 6 foyer(s)", _browser.FindElement(By.Id("hidden")).Text);
        Screenshot("keys-shared-screen-fr");
    }

    [Fact]
    public async Task A_past_day_replays_interval_by_interval_on_its_own_clock_and_the_screen_returns_to_live()
    {
        _browser!.Navigate().GoToUrl(Url(""));
        try
        {
            await Poll.Until(() => _browser.FindElement(By.Id("replay")).Displayed, "the replay bar on the shared screen");
            Assert.Equal(Iso(_today.AddDays(-1)), _browser.FindElement(By.Id("replay-date")).GetDomProperty("value"));

            // 60×: the replayed clock runs a minute per second from yesterday's midnight.
            _browser.ExecuteScript("document.getElementById('replay-speed').value = '60';");
            _browser.FindElement(By.Id("replay-start")).Click();
            var first = await Poll.Until(() => Task.FromResult(ClockTime()), "the replayed clock");
            var later = await Poll.Until(() => Task.FromResult(ClockTime() is { } t
                && DateTime.Parse(t, CultureInfo.InvariantCulture) > DateTime.Parse(first, CultureInfo.InvariantCulture) ? t : null), "the replayed clock moving on");
            Assert.True(DateTime.Parse(later, CultureInfo.InvariantCulture) > DateTime.Parse(first, CultureInfo.InvariantCulture), $"{first} → {later}");
            Assert.False(_browser.FindElement(By.CssSelector(".charts")).Displayed); // the live charts make way
            Assert.Equal("2", _browser.FindElement(By.Id("replay-curve")).GetDomAttribute("data-y-max")); // 60× too: the day's axis before its first bar
            Screenshot("replay-60x-fr");

            // 3600×: an interval every quarter of a second; each sample shows exactly the intervals ended by its clock.
            _browser.ExecuteScript("document.getElementById('replay-speed').value = '3600';");
            _browser.FindElement(By.Id("replay-start")).Click();
            using var day = JsonDocument.Parse(await _http.GetStringAsync(Url($"api/replay?date={Iso(_today.AddDays(-1))}")));
            var ends = day.RootElement.GetProperty("intervals").EnumerateArray().Select(i => DateTime.Parse(i.GetProperty("end").GetString()!, CultureInfo.InvariantCulture).ToUniversalTime()).ToList();
            var seen = new SortedSet<int>();
            var yMaxes = new List<(int Bars, double YMax)>();
            bool english = false;
            void SwitchToEnglish() { _browser.FindElement(By.Id("lang")).Click(); english = true; Screenshot("replay-3600x-building"); }
            for (int i = 0; i < 60 && (seen.Count == 0 || seen.Max < ends.Count); i++)
            {
                var sample = (IReadOnlyCollection<object>)_browser.ExecuteScript(
                    "const c = document.getElementById('replay-curve').dataset; return [document.getElementById('replay-clock').dataset.time || '', c.intervals || '-1', c.yMax || ''];")!;
                var values = sample.Cast<string>().ToArray();
                var (time, bars) = (values[0], int.Parse(values[1], CultureInfo.InvariantCulture));
                if (bars >= 0 && values[2].Length > 0) yMaxes.Add((bars, double.Parse(values[2], CultureInfo.InvariantCulture)));
                if (time.Length > 0 && bars >= 0)
                {
                    var clock = DateTime.Parse(time, CultureInfo.InvariantCulture).ToUniversalTime();
                    Assert.Equal(ends.Count(e => e <= clock), bars);
                    seen.Add(bars);
                }
                if (i == 20) SwitchToEnglish();
                await Task.Delay(400);
            }
            if (!english) SwitchToEnglish(); // a loaded machine may take fewer samples than the day has steps
            Assert.True(seen.Count >= 10, $"the curve built in steps: {string.Join(", ", seen)}");
            // The y-axis is the whole day's from the first bar: its tallest stack is the 2.0 kWh consumed each interval
            // from 18:00 (the neighbourhood's stack, shared + grid, is its consumption), which the morning's bars do not reach.
            var early = yMaxes.First(y => y.Bars > 0 && y.Bars < 72);
            var late = yMaxes.Last();
            Assert.Equal(2.0, early.YMax, 9);
            Assert.Equal(early.YMax, late.YMax);
            Assert.True(late.Bars > early.Bars, $"samples at {early.Bars} and {late.Bars} bars");
            Assert.All(yMaxes, y => Assert.Equal(2.0, y.YMax, 9));
            await Poll.Until(() => _browser.FindElement(By.Id("replay-clock")).Text == "end of the replayed day", "the end of the replayed day");
            Assert.Equal(96, _browser.FindElements(By.CssSelector("#replay-curve g.interval")).Count);
            Assert.Contains("96 of 96 intervals", _browser.FindElement(By.Id("replay-note")).Text);
            Assert.EndsWith($"/api/replay.csv?date={Iso(_today.AddDays(-1))}", _browser.FindElement(By.Id("replay-csv")).GetDomProperty("href"));
            Screenshot("replay-en-whole-day");

            _browser.FindElement(By.Id("replay-live")).Click();
            await Poll.Until(() => _browser.FindElement(By.CssSelector(".charts")).Displayed, "the live charts back");
            Assert.False(_browser.FindElement(By.Id("replay-panel")).Displayed);
            Assert.Equal("false", _browser.FindElement(By.TagName("body")).GetDomAttribute("data-replay"));
            Screenshot("back-to-live-en");
        }
        catch
        {
            Screenshot("replay-failure");
            throw;
        }
    }

    private string? ClockTime() => _browser!.FindElement(By.Id("replay-clock")).GetDomAttribute("data-time") is { Length: > 0 } t ? t : null;

    private void Screenshot(string name) => _browser!.GetScreenshot().SaveAsFile(Path.Combine(_screenshots, name + ".png"));

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        _http.Dispose();
        if (_server is not null) { await _server.StopAsync(); await _server.DisposeAsync(); }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _site.Dispose();
    }
}
