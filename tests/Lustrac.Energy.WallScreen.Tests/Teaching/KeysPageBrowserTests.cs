using System.Globalization;
using System.Text.Json;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Lustrac.Energy.WallScreen.Tests.Teaching;

/// <summary>
/// The allocation-key page (keys.html) in headless Chromium on <see cref="KeyedScreenSite"/>: three homes, one shared
/// array, the meter counters of two intervals stored as readings (the comparison recomputes from them), the site's key
/// default dynamic with static shares 0.5 / 0.3 / 0.2. Hand values (kWh; see <see cref="ScreenShareMatchesApiTests"/>):
/// <code>
///                 A     B   | consumed | static        | dynamic          | equal shares
/// shared PV      3.0   1.0  |          |               |                  |
/// h01            1.0   0.5  |   1.5    | 1.0+0.5 = 1.5 | 0.9375+0.25      | 1.0+1/3
/// h02            2.0   0.5  |   2.5    | 0.9+0.3 = 1.2 | 1.875+0.25       | 1.8+1/3
/// h03            0.2   1.0  |   1.2    | 0.2+0.2 = 0.4 | 0.1875+0.5       | 0.2+1/3
/// </code>
/// Static caps each fixed share at its home's demand and exports the rest (A: 0.9 kWh unallocated, Σ 3.1 of 4.0);
/// the dynamic keys allocate all 4.0. h01's self-sufficiency: 100 % static, 79.2 % dynamic, 88.9 % equal: three keys,
/// three figures. The neighbourhood: Σ min(consumption, production) = 3.0 + 1.0 of 5.2 = 76.9 % under every key.
/// </summary>
public sealed class KeysPageBrowserTests : IAsyncLifetime
{
    private readonly KeyedScreenSite _site = new("default_dynamic");
    private readonly string _screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
    private readonly int _httpPort = FreePort.Next();
    private readonly HttpClient _http = new();
    private WebApplication? _server;
    private ChromeDriver? _browser;
    private string _from = "", _to = "";

    private static readonly CultureInfo French = FrenchNumbers();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_screenshots);
        var readings = new SqliteReadingStore(_site.SqlitePath);
        await readings.InitialiseAsync(CancellationToken.None);
        await readings.WriteAsync(_site.Counters(), CancellationToken.None);
        var day = _site.FirstInterval.UtcDateTime.AddHours(_site.OffsetHours).Date; // the site's local day of both intervals
        (_from, _to) = (day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        _server = ServerApp.Build(_site.ServerArgs(_httpPort, "--Mqtt:Port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--Quarantine:File", Path.Combine(_site.Folder, "q.jsonl"), "--Logging:LogLevel:Default", "Warning"));
        await _server.StartAsync();
        _browser = Chromium.Start(Path.Combine(_site.Folder, "chromium"));
    }

    private string Url(string path) => $"http://127.0.0.1:{_httpPort}/{path}";

    private string Cell(string row, string key, string column) =>
        _browser!.FindElement(By.CssSelector($"#table {row} td[data-key='{key}'][data-column='{column}']")).Text;

    private static string Kwh(double v, CultureInfo c) => Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.00", c);
    private static string Pct(double v, CultureInfo c) => Math.Round(v * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0", c) + " %";

    [Fact]
    public async Task The_operator_sees_each_household_under_the_three_keys_as_the_api_gives_them_in_French_then_English()
    {
        _browser!.Navigate().GoToUrl(Url($"keys.html?from={_from}&to={_to}&lang=fr&token=keyed-operator"));
        try
        {
            await Poll.Until(() => _browser.FindElements(By.CssSelector("#table tbody tr")).Count == 3, "three households in the table");
            // Hand values, French: allocated kWh, share of the shared 4.0 kWh, self-sufficiency.
            string[] Of(string h, string key) => [Cell($"tr[data-household='{h}']", key, "allocated_kwh"),
                Cell($"tr[data-household='{h}']", key, "share_of_shared"), Cell($"tr[data-household='{h}']", key, "self_sufficiency")];
            Assert.Equal(["1,50", "37,5 %", "100,0 %"], Of("h01", "static"));
            Assert.Equal(["1,19", "29,7 %", "79,2 %"], Of("h01", "default_dynamic"));
            Assert.Equal(["1,33", "33,3 %", "88,9 %"], Of("h01", "equal_share"));
            Assert.Equal(["1,20", "30,0 %", "48,0 %"], Of("h02", "static"));
            Assert.Equal(["2,13", "53,1 %", "85,0 %"], Of("h02", "default_dynamic"));
            Assert.Equal(["2,13", "53,3 %", "85,3 %"], Of("h02", "equal_share"));
            Assert.Equal(["0,40", "10,0 %", "33,3 %"], Of("h03", "static"));
            Assert.Equal(["0,69", "17,2 %", "57,3 %"], Of("h03", "default_dynamic"));
            Assert.Equal(["0,53", "13,3 %", "44,4 %"], Of("h03", "equal_share"));
            Assert.Equal(["3,10", "77,5 %", "76,9 %"], [Cell("tfoot tr", "static", "allocated_kwh"), Cell("tfoot tr", "static", "share_of_shared"), Cell("tfoot tr", "static", "self_sufficiency")]);
            Assert.Equal("76,9 %", Cell("tfoot tr", "equal_share", "self_sufficiency"));

            // Every cell is /api/autonomy/compare's figure for that household (asked one by one, as a handout would).
            using var op = new HttpClient { BaseAddress = new Uri(Url("")) };
            op.DefaultRequestHeaders.Authorization = new("Bearer", "keyed-operator");
            foreach (var h in KeyedScreenSite.Households)
            {
                using var compare = JsonDocument.Parse(await op.GetStringAsync($"api/autonomy/compare?from={_from}&to={_to}&resolution=day&household={h}"));
                foreach (var key in new[] { "static", "default_dynamic", "equal_share" })
                {
                    var total = compare.RootElement.GetProperty("keys").GetProperty(key).GetProperty("total");
                    Assert.Equal(Kwh(total.GetProperty("allocated_kwh").GetDouble(), French), Cell($"tr[data-household='{h}']", key, "allocated_kwh"));
                    Assert.Equal(Pct(total.GetProperty("self_sufficiency").GetDouble(), French), Cell($"tr[data-household='{h}']", key, "self_sufficiency"));
                    Assert.Equal(Pct(total.GetProperty("allocated_kwh").GetDouble() / 4.0, French), Cell($"tr[data-household='{h}']", key, "share_of_shared"));
                }
            }
            Assert.Equal(9, _browser.FindElements(By.CssSelector("#chart rect[data-household]")).Count);
            var why = _browser.FindElement(By.Id("keys-why")).Text;
            Assert.Contains("3,10 kWh avec la clé statique, 4,00 kWh avec la clé dynamique et 4,00 kWh avec les parts égales", why);
            Assert.Contains("le même sous chaque clé (76,9 %)", why);
            // 4,00 − 3,10: the static shares above their homes' demand, sold as surplus under ACC rules.
            Assert.Contains("Avec la clé statique, 0,90 kWh de la production partagée n'ont été attribués à aucun foyer", why);
            Assert.DoesNotContain("avec la clé dynamique, 0", why, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Clé dynamique par défaut (clé du site)", _browser.FindElement(By.CssSelector("#table thead")).Text);
            Assert.EndsWith($"/api/autonomy/compare.csv?from={_from}&to={_to}&token=keyed-operator", _browser.FindElement(By.Id("csv")).GetDomProperty("href"));
            Assert.Contains("household=h02", _browser.FindElement(By.CssSelector("#table tr[data-household='h02'] td.csv a")).GetDomProperty("href"));
            Screenshot("keys-fr");

            _browser.FindElement(By.Id("lang")).Click();
            await Poll.Until(() => _browser.FindElement(By.CssSelector("#table thead")).Text.Contains("Equal shares", StringComparison.Ordinal), "the table in English");
            Assert.Equal("1.19", Cell("tr[data-household='h01']", "default_dynamic", "allocated_kwh"));
            Assert.Equal("79.2 %", Cell("tr[data-household='h01']", "default_dynamic", "self_sufficiency"));
            Assert.Contains("3.10 kWh under the static key", _browser.FindElement(By.Id("keys-why")).Text);
            Assert.Contains("Under the static key, 0.90 kWh of the shared production went to no home", _browser.FindElement(By.Id("keys-why")).Text);
            Assert.Contains("/explain.html?figure=allocation", _browser.FindElement(By.Id("explain")).GetDomProperty("href"));
            Screenshot("keys-en");
        }
        catch
        {
            Screenshot("keys-failure");
            throw;
        }
    }

    [Fact]
    public async Task A_shared_screen_on_a_site_of_three_homes_shows_the_server_s_reason_not_a_blank_page()
    {
        _browser!.Navigate().GoToUrl(Url($"keys.html?from={_from}&to={_to}&lang=fr"));
        try
        {
            await Poll.Until(() => _browser.FindElement(By.Id("status")).GetDomAttribute("data-refused") == "true", "the refusal shown");
            var status = _browser.FindElement(By.Id("status")).Text;
            using var refused = await _http.GetAsync(Url($"api/autonomy/compare/households?from={_from}&to={_to}"));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
            using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Contains("the neighbourhood has 3 households", body.RootElement.GetProperty("error").GetString());
            // The French page gives the reason in French, the English page in English: the reader can act on it.
            var why = body.RootElement.GetProperty("why");
            Assert.Contains("le quartier compte 3 foyers", why.GetProperty("fr").GetString());
            Assert.Equal("Le serveur refuse : " + why.GetProperty("fr").GetString(), status);
            Assert.Empty(_browser.FindElements(By.CssSelector("#table tbody tr")));
            Screenshot("keys-refused-fr");
            _browser.FindElement(By.Id("lang")).Click();
            await Poll.Until(() => _browser.FindElement(By.Id("status")).Text.StartsWith("The server refuses: ", StringComparison.Ordinal), "the refusal in English");
            Assert.Equal("The server refuses: " + why.GetProperty("en").GetString(), _browser.FindElement(By.Id("status")).Text);
        }
        catch
        {
            Screenshot("keys-refused-failure");
            throw;
        }
    }

    private static CultureInfo FrenchNumbers()
    {
        // The page writes French numbers with a decimal comma (the test process runs without ICU cultures).
        var fr = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        fr.NumberFormat.NumberDecimalSeparator = ",";
        return fr;
    }

    private void Screenshot(string name) => _browser!.GetScreenshot().SaveAsFile(Path.Combine(_screenshots, name + ".png"));

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        _http.Dispose();
        if (_server is not null) { await _server.StopAsync(); await _server.DisposeAsync(); }
        _site.Dispose();
    }
}
