using System.Net;
using System.Text.Json;
using Lustrac.Energy.Server.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>
/// The privacy rules of the README's table, each through every endpoint the app maps: a household's token reads all of
/// its own data and neighbourhood aggregates, nothing else; the operator reads a non-consenting household by day or
/// coarser only; a shared screen reads no household; aggregates need five households.
/// </summary>
public sealed class PrivacyTests(PrivacyServer server) : IClassFixture<PrivacyServer>
{
    private const string Reader = "h01";   // consents to fine data
    private const string Other = "h02";    // also consents: a leak is not hidden by the consent rule
    private const string NoConsent = "h03";

    /// <summary>Every route the app maps, so an endpoint added later is covered without touching this test.</summary>
    private List<RouteEndpoint> Endpoints() =>
        server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    private static string UrlOf(RouteEndpoint endpoint, string household)
    {
        var segments = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.Name.Contains("household", StringComparison.OrdinalIgnoreCase) => household,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "x",
            _ => "",
        })));
        return string.Join('/', segments);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        // Streams never end: read what they send for three seconds, enough for their first event (sent at once).
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var body = new MemoryStream();
        try { await (await response.Content.ReadAsStreamAsync()).CopyToAsync(body, cts.Token); }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        return (response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    private static string Query(string household, string resolution) =>
        $"?household={household}&resolution={resolution}&from={DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-dd}&to={DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-dd}";

    [Fact]
    public async Task A_household_token_cannot_read_another_household_through_any_endpoint()
    {
        using var http = server.Client(ScreenTestSite.TokenOf(Reader));
        var endpoints = Endpoints();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/live");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/screen/stream");
        var leaks = new List<string>();
        foreach (var endpoint in endpoints)
        {
            foreach (var url in new[]
            {
                UrlOf(endpoint, Other),
                UrlOf(endpoint, Other) + Query(Other, "interval"),
                UrlOf(endpoint, Other) + Query(Other, "day"),
            })
            {
                var (status, body) = await GetAsync(http, url);
                if (status != HttpStatusCode.Forbidden && body.Contains(Other, StringComparison.Ordinal))
                    leaks.Add($"{url} → {(int)status}: {body[..Math.Min(200, body.Length)]}");
            }
        }
        Assert.True(leaks.Count == 0, "leaks:\n" + string.Join('\n', leaks));
    }

    [Fact]
    public async Task Naming_another_household_is_refused_on_every_endpoint()
    {
        using var http = server.Client(ScreenTestSite.TokenOf(Reader));
        foreach (var endpoint in Endpoints())
        {
            var url = UrlOf(endpoint, Other) + Query(Other, "day");
            var (status, _) = await GetAsync(http, url);
            Assert.True(status == HttpStatusCode.Forbidden, $"{url} answered {(int)status}");
        }
    }

    [Fact]
    public async Task The_same_requests_do_show_data_to_whom_it_belongs()
    {
        // Proves the leak tests above have data to leak: the owner and the operator do see it.
        using var owner = server.Client(ScreenTestSite.TokenOf(Other));
        var (status, body) = await GetAsync(owner, "api/live");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"{Other}-meter", body);
        (_, body) = await GetAsync(owner, "api/screen/stream");
        Assert.Contains($"\"household\":\"{Other}\"", body); // the stream's first event arrived within the read window
        using var op = server.Client(ScreenTestSite.OperatorToken);
        (_, body) = await GetAsync(op, "api/live");
        // The operator sees live power of the consenting homes only (h01, h02); the others' at day resolution at most.
        foreach (var h in ScreenTestSite.Households)
            if (h is Reader or Other) Assert.Contains($"{h}-meter", body);
            else Assert.DoesNotContain($"{h}-meter", body);
        (_, body) = await GetAsync(op, "api/devices");
        foreach (var h in ScreenTestSite.Households) Assert.Contains($"{h}-meter", body); // states, no readings: the operator keeps them running
        (status, _) = await GetAsync(op, "api/quarantine");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Without_consent_a_household_still_sees_all_of_its_own_home_live_and_by_interval()
    {
        using var http = server.Client(ScreenTestSite.TokenOf(NoConsent));
        var (_, live) = await GetAsync(http, "api/live");
        Assert.Contains($"{NoConsent}-meter", live);
        foreach (var other in ScreenTestSite.Households.Where(h => h != NoConsent)) Assert.DoesNotContain($"{other}-meter", live);
        var (status, _) = await GetAsync(http, "api/autonomy" + Query(NoConsent, "interval"));
        Assert.Equal(HttpStatusCode.OK, status);

        var screen = JsonDocument.Parse((await GetAsync(http, "api/screen")).Body).RootElement;
        Assert.Equal(800, screen.GetProperty("home").GetProperty("consumption_w").GetDouble(), 3);
        Assert.Equal("household", screen.GetProperty("today").GetProperty("scope").GetString());
        Assert.True(screen.GetProperty("today").GetProperty("self_sufficiency").ValueKind == JsonValueKind.Number);
    }

    private static bool IsOperatorOnly(RouteEndpoint e) => e.Metadata.GetMetadata<OperatorOnlyAttribute>() is not null;

    /// <summary>Rule 1 of the README's table: a household's own data at every resolution, consent or not, on every endpoint.</summary>
    [Fact]
    public async Task A_household_sees_its_own_data_at_every_resolution_on_every_endpoint()
    {
        using var http = server.Client(ScreenTestSite.TokenOf(NoConsent));
        var refused = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => !IsOperatorOnly(e)))
            foreach (var resolution in new[] { "interval", "day", "month", "year" })
            {
                var url = UrlOf(endpoint, NoConsent) + Query(NoConsent, resolution);
                var (status, body) = await GetAsync(http, url);
                if (status == HttpStatusCode.Forbidden) refused.Add($"{url} → 403 {body}");
            }
        Assert.True(refused.Count == 0, "refused:\n" + string.Join('\n', refused));
    }

    /// <summary>Rule 2: the operator sees a non-consenting household at day resolution or coarser only; a consenting one at any.</summary>
    [Fact]
    public async Task The_operator_sees_a_non_consenting_household_only_by_day_or_coarser_on_every_endpoint()
    {
        using var op = server.Client(ScreenTestSite.OperatorToken);
        var wrong = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            foreach (var (household, resolution, refusedExpected) in new[]
            {
                (NoConsent, "interval", true), (NoConsent, "", true), (NoConsent, "day", false), (NoConsent, "month", false),
                (Reader, "interval", false),
            })
            {
                var url = UrlOf(endpoint, household) + Query(household, resolution);
                var (status, _) = await GetAsync(op, url);
                if ((status == HttpStatusCode.Forbidden) != refusedExpected) wrong.Add($"{url} → {(int)status}");
            }
        }
        Assert.True(wrong.Count == 0, "wrong answers:\n" + string.Join('\n', wrong));
    }

    /// <summary>Rule 3: a shared screen (no token) names no household, whatever the resolution, on every endpoint.</summary>
    [Fact]
    public async Task A_shared_screen_may_not_name_any_household_on_any_endpoint()
    {
        using var http = server.Client(token: null);
        foreach (var endpoint in Endpoints())
        {
            var url = UrlOf(endpoint, Reader) + Query(Reader, "year");
            var (status, _) = await GetAsync(http, url);
            Assert.True(status == HttpStatusCode.Forbidden, $"{url} answered {(int)status}");
        }
    }

    [Fact]
    public async Task With_consent_the_screen_shows_the_homes_live_flows()
    {
        using var http = server.Client(ScreenTestSite.TokenOf(Reader));
        var screen = JsonDocument.Parse((await GetAsync(http, "api/screen")).Body).RootElement;
        Assert.Equal(800, screen.GetProperty("home").GetProperty("consumption_w").GetDouble(), 3);
        // Default dynamic key: six homes ask 6 × 800 W of the array's 9000 W, so each gets all it asks and draws nothing from the grid.
        Assert.Equal(800, screen.GetProperty("home").GetProperty("shared_solar_w").GetDouble(), 3);
        Assert.Equal(0, screen.GetProperty("home").GetProperty("grid_w").GetDouble(), 3);
        Assert.Equal(Reader, screen.GetProperty("viewer").GetProperty("household").GetString());
    }

    [Fact]
    public async Task A_shared_screen_sees_aggregates_and_shared_assets_but_no_home()
    {
        using var http = server.Client(token: null);
        var screen = JsonDocument.Parse((await GetAsync(http, "api/screen")).Body).RootElement;
        Assert.Equal(JsonValueKind.Null, screen.GetProperty("home").ValueKind);
        Assert.Equal(6 * 800, screen.GetProperty("neighbourhood").GetProperty("consumption_w").GetDouble(), 3);
        var (_, live) = await GetAsync(http, "api/live");
        Assert.Contains("pv-1-inverter", live);
        foreach (var h in ScreenTestSite.Households) Assert.DoesNotContain(h, live);
        var (status, _) = await GetAsync(http, "api/quarantine");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task An_unknown_token_is_refused()
    {
        using var http = server.Client("not-a-token");
        var (status, _) = await GetAsync(http, "api/live");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public void Aggregates_need_at_least_five_households()
    {
        Assert.False(PrivacyPolicy.MayShowAggregate(4));
        Assert.True(PrivacyPolicy.MayShowAggregate(5));
    }
}
