using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Lustrac.Energy.WallScreen.Tests.Resident;

/// <summary>
/// The household screen and the shared screen in real headless Chromium, kiosk (1280×800) and phone (390×844), French
/// and English: each shows its own live values with whose they are, today's curve with one bar per closed interval and
/// seven daily bars, and those bars carry exactly /api/autonomy's figures for the viewer's scope (and the hand-worked
/// daily consumption of <see cref="ResidentSite"/>). Screenshots go to bin/…/screenshots/resident/.
/// </summary>
public sealed class ResidentScreenBrowserTests(ResidentServer server) : IClassFixture<ResidentServer>, IDisposable
{
    private readonly string _screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots", "resident")).FullName;
    private readonly ChromeDriver _browser = Chromium.Start(Path.Combine(Path.GetTempPath(), "lustrac-chromium-" + Guid.NewGuid().ToString("N")));

    /// <summary>Hand-worked daily consumption (kWh) of a full day: 96 intervals of 0.05 + 0.02 h kWh, plus 20 busy ones of 0.25.</summary>
    private static double DayConsumption(int h) => 96 * (0.05 + 0.02 * h) + 20 * 0.25;

    public static TheoryData<string?, string, string> Viewers => new()
    {
        { "h01", "Maison 1", "0,9" },   // consents; own panels and water meters; 300 W from the grid + 600 W of its panels
        { "h03", "Maison 3", "1,3" },   // has not consented: still sees all of its own home
        { null, "Quartier", "5,8" },    // shared screen: the six homes' 5 800 W, over ≥ 5 households
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task Each_screen_shows_its_own_live_values_todays_intervals_and_seven_days(string? household, string whose, string consumptionFr)
    {
        // Live power counts for 5 minutes; on a loaded machine the class takes longer than that since the fixture's.
        await server.PublishLiveAsync();
        foreach (var (size, width, height) in new[] { ("kiosk", 1280, 800), ("phone", 390, 844) })
        foreach (var lang in new[] { "fr", "en" })
        {
            Open(household, lang, width, height);
            var expectedWhose = household is null && lang == "en" ? "Neighbourhood" : whose;
            var expectedKw = lang == "fr" ? consumptionFr : consumptionFr.Replace(',', '.');
            var consumptionCard = household is null ? 1 : 0;
            await Poll.Until(() => CardValue(consumptionCard) == expectedKw, $"{household ?? "shared"} {size} {lang}: live consumption {expectedKw} kW, shown {CardValue(consumptionCard)}");
            Assert.Equal(expectedWhose, CardWhose(consumptionCard));
            var neighbourhood = lang == "fr" ? "Quartier" : "Neighbourhood";
            Assert.All(Drawn().GetProperty("cards").EnumerateArray(), c => Assert.Contains(c.GetProperty("whose").GetString(), new[] { expectedWhose, neighbourhood }));

            var (intervals, days) = await ApiAsync(household);
            await Poll.Until(() => Count("#curve g.interval") == intervals.Count && Count("#week g.day") == 7,
                $"{household ?? "shared"} {size} {lang}: {intervals.Count} closed intervals and 7 days drawn (drawn {Count("#curve g.interval")}, {Count("#week g.day")})");
            Assert.InRange(intervals.Count, 40, 60); // about 13:00 local: some fifty intervals closed
            AssertBarsEqualApi(intervals, days, household);
            // Replaying a past day is the shared screen's (the training centre's); a home's screen shows its own day.
            // (the bar's visibility is refreshed each second from the last snapshot)
            await Poll.Until(() => _browser.FindElement(By.Id("replay")).Displayed == (household is null), $"{household ?? "shared"} {size} {lang}: replay bar shown only on the shared screen");
            // Every chart label reads at 11 CSS px or more, phone included (squeezed into a phone, 12 px labels were 7 px).
            var smallest = Convert.ToDouble(_browser.ExecuteScript("""
                return Math.min(...[...document.querySelectorAll('#curve svg text, #week svg text')]
                  .map(e => parseFloat(getComputedStyle(e).fontSize) * e.ownerSVGElement.getScreenCTM().a));
                """), CultureInfo.InvariantCulture);
            Assert.True(smallest >= 11, $"{household ?? "shared"} {size} {lang}: smallest chart label {smallest:F1} px");
            // The advice speaks of the home on a home's screen, of the neighbourhood on the shared one.
            var (mine, theirs) = (household, lang) switch
            {
                (null, "fr") => ("consommation du quartier", "foyer"),
                (null, _) => ("neighbourhood’s consumption", "home"),
                (_, "fr") => ("consommation de votre foyer", "quartier"),
                _ => ("your home’s consumption", "neighbourhood"),
            };
            await Poll.Until(() => SignalText().Contains(mine, StringComparison.Ordinal), $"{household ?? "shared"} {size} {lang}: advice about '{mine}', shown '{SignalText()}'");
            Assert.DoesNotContain(theirs, SignalText(), StringComparison.Ordinal);
            Assert.Contains("Cuve nord", Drawn().GetProperty("tanks").GetString());
            Assert.DoesNotContain("tank-1", Drawn().GetProperty("tanks").GetString());
            Screenshot($"{household ?? "shared"}-{size}-{lang}", width);
        }
    }

    [Fact]
    public async Task A_screen_paired_by_its_link_shows_the_home_and_empties_when_the_token_is_revoked()
    {
        await server.PublishLiveAsync(); // fresh live power, as above
        using var op = server.Client(ResidentSite.OperatorToken);
        using var issued = await op.PostAsync("api/tokens?principal=h02", null);
        var pairing = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
        _browser.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        { ["width"] = 1280, ["height"] = 800, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        _browser.Navigate().GoToUrl(pairing.GetProperty("link").GetString()!); // what scanning the QR code opens
        await Poll.Until(() => CardWhose(0) == "Maison 2" && CardValue(0) == "1,1", "Maison 2's own consumption after pairing");
        Assert.DoesNotContain("token", _browser.Url);

        using var revoked = await op.DeleteAsync($"api/tokens/{pairing.GetProperty("id").GetString()}");
        Assert.Equal(System.Net.HttpStatusCode.OK, revoked.StatusCode);
        await Poll.Until(() => (string?)_browser.ExecuteScript("return document.body.dataset.revoked") == "true", "the revoked screen noticed");
        Assert.Equal(0, Count("#flows article"));
        Assert.Equal(0, Count("#curve g.interval"));
        Assert.Contains("révoqué", _browser.FindElement(By.Id("error")).Text);
        Screenshot("h02-revoked-kiosk-fr", 1280);
    }

    /// <summary>What the page drew, read in one script (the page redraws on each snapshot, so elements come and go).</summary>
    private JsonElement Drawn() => JsonDocument.Parse((string)_browser.ExecuteScript("""
        const attrs = (css, names) => [...document.querySelectorAll(css)].map(e => Object.fromEntries(names.map(n => [n, e.getAttribute('data-' + n)])));
        return JSON.stringify({
          intervals: attrs('#curve g.interval', ['start', 'consumption', 'allocated']),
          days: attrs('#week g.day', ['start', 'ss', 'consumption']),
          cards: [...document.querySelectorAll('#flows article')].map(a => ({ kw: a.querySelector('.kw').textContent, whose: a.querySelector('.whose').textContent })),
          tanks: document.getElementById('tanks').textContent,
        });
        """)!).RootElement;

    private void AssertBarsEqualApi(List<JsonElement> intervals, List<JsonElement> days, string? household)
    {
        var drawn = Drawn();
        var curve = drawn.GetProperty("intervals").EnumerateArray().ToList();
        for (int i = 0; i < intervals.Count; i++)
        {
            Assert.Equal(intervals[i].GetProperty("start").GetString(), curve[i].GetProperty("start").GetString());
            Assert.Equal(intervals[i].GetProperty("consumption_kwh").GetDouble(), Number(curve[i], "consumption"), 9);
            Assert.Equal(intervals[i].GetProperty("allocated_kwh").GetDouble(), Number(curve[i], "allocated"), 9);
        }
        var bars = drawn.GetProperty("days").EnumerateArray().ToList();
        for (int d = 0; d < 7; d++)
        {
            Assert.Equal(days[d].GetProperty("start").GetString(), bars[d].GetProperty("start").GetString());
            Assert.Equal(days[d].GetProperty("self_sufficiency").GetDouble(), Number(bars[d], "ss"), 9);
            if (d == 6) continue; // today is still going on
            double expected = household is null ? Enumerable.Range(0, 6).Sum(DayConsumption) : DayConsumption(int.Parse(household[1..], CultureInfo.InvariantCulture) - 1);
            Assert.Equal(expected, Number(bars[d], "consumption"), 6);
        }
    }

    private async Task<(List<JsonElement> Intervals, List<JsonElement> Days)> ApiAsync(string? household)
    {
        using var http = server.Client(household is null ? null : ResidentSite.TokenOf(household));
        string Date(int daysAgo) => server.Site.DayStart(daysAgo).ToOffset(TimeSpan.FromHours(server.Site.OffsetHours)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var who = household is null ? "" : "&household=" + household;
        var today = JsonDocument.Parse(await http.GetStringAsync($"api/autonomy?from={Date(0)}&to={Date(-1)}&resolution=interval{who}")).RootElement;
        var week = JsonDocument.Parse(await http.GetStringAsync($"api/autonomy?from={Date(6)}&to={Date(-1)}&resolution=day{who}")).RootElement;
        return (today.GetProperty("periods").EnumerateArray().Where(p => p.GetProperty("consumption_kwh").ValueKind == JsonValueKind.Number).ToList(),
            week.GetProperty("periods").EnumerateArray().ToList());
    }

    private void Open(string? household, string lang, int width, int height)
    {
        _browser.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = width < 700 });
        _browser.Navigate().GoToUrl(new Uri(server.BaseUri, "/health").ToString());
        _browser.ExecuteScript("localStorage.clear()"); // a shared screen has no token left from the previous viewer
        var token = household is null ? "" : $"token={ResidentSite.TokenOf(household)}&";
        _browser.Navigate().GoToUrl(new Uri(server.BaseUri, $"/?{token}lang={lang}").ToString());
    }

    private string SignalText() => (string)_browser.ExecuteScript("return document.getElementById('signal-text').textContent")!;
    private string CardValue(int index) => Card(index, "kw");
    private string CardWhose(int index) => Card(index, "whose");
    private string Card(int index, string field) =>
        Drawn().GetProperty("cards").EnumerateArray().ElementAtOrDefault(index) is { ValueKind: JsonValueKind.Object } c ? c.GetProperty(field).GetString()! : "";
    private int Count(string css) => Convert.ToInt32(_browser.ExecuteScript($"return document.querySelectorAll('{css}').length"), CultureInfo.InvariantCulture);
    private static double Number(JsonElement e, string name) => double.Parse(e.GetProperty(name).GetString() ?? "NaN", CultureInfo.InvariantCulture);

    /// <summary>The kiosk as it looks; the phone's whole page (it scrolls), by stretching the viewport to the page.</summary>
    private void Screenshot(string name, int width)
    {
        if (width < 700)
        {
            var full = Convert.ToInt32(_browser.ExecuteScript("return document.documentElement.scrollHeight"), CultureInfo.InvariantCulture);
            _browser.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
            { ["width"] = width, ["height"] = full, ["deviceScaleFactor"] = 1, ["mobile"] = true });
        }
        _browser.GetScreenshot().SaveAsFile(Path.Combine(_screenshots, name + ".png"));
    }

    public void Dispose() => _browser.Quit();
}
