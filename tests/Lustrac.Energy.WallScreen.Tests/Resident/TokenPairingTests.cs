using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.WallScreen.Tests.Resident;

/// <summary>
/// Pairing a screen without reading logs: the operator issues a household token (link and printable QR card), lists
/// and revokes it, by endpoint or by the <c>tokens</c> subcommand beside the running server; a revoked token is refused
/// from the next request, and a screen stream open with it ends.
/// </summary>
public sealed class TokenPairingTests(PrivacyServer server) : IClassFixture<PrivacyServer>
{
    private async Task<JsonElement> IssueAsync(string household)
    {
        using var op = server.Client(ScreenTestSite.OperatorToken);
        using var response = await op.PostAsync($"api/tokens?principal={household}", null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_operator_issues_a_token_with_a_link_and_a_QR_card_and_only_its_hash_is_kept()
    {
        var issued = await IssueAsync("h04");
        var token = issued.GetProperty("token").GetString()!;
        Assert.Equal($"http://127.0.0.1:{server.HttpPort}/?token={token}", issued.GetProperty("link").GetString());
        var card = XDocument.Parse(issued.GetProperty("card_svg").GetString()!);
        Assert.Contains(card.Descendants(), e => e.Name.LocalName == "svg" && e.Parent is not null); // the QR code inside the card
        Assert.Contains("Maison 4", card.ToString());

        using var home = server.Client(token);
        var screen = JsonDocument.Parse(await home.GetStringAsync("api/screen")).RootElement;
        Assert.Equal("h04", screen.GetProperty("viewer").GetProperty("household").GetString());
        var secrets = await File.ReadAllTextAsync(server.Site.SecretsFile);
        Assert.DoesNotContain(token, secrets);
        Assert.Contains(HouseholdTokenStore.Hash(token), secrets);

        using var op = server.Client(ScreenTestSite.OperatorToken);
        var list = await op.GetFromJsonAsync<JsonElement>("api/tokens");
        Assert.Contains(list.EnumerateArray(), e => e.GetProperty("id").GetString() == issued.GetProperty("id").GetString()
            && e.GetProperty("principal").GetString() == "h04" && e.GetProperty("state").GetString() == "active");
        Assert.DoesNotContain(token, list.GetRawText());
    }

    [Fact]
    public async Task Only_the_operator_manages_tokens()
    {
        foreach (var token in new[] { ScreenTestSite.TokenOf("h01"), null })
        {
            using var http = server.Client(token);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("api/tokens")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync("api/tokens?principal=h01", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.DeleteAsync("api/tokens/h05")).StatusCode);
        }
        using var op = server.Client(ScreenTestSite.OperatorToken);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostAsync("api/tokens?principal=h99", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.DeleteAsync("api/tokens/000000000000")).StatusCode);
    }

    [Fact]
    public async Task A_token_revoked_by_the_subcommand_ends_its_open_stream_and_is_refused_at_once()
    {
        var issued = await IssueAsync("h05");
        var token = issued.GetProperty("token").GetString()!;
        using var home = server.Client(token);
        home.Timeout = Timeout.InfiniteTimeSpan;
        using var response = await home.GetAsync("api/screen/stream", HttpCompletionOption.ResponseHeadersRead);
        var stream = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith("event: snapshot", await stream.ReadLineAsync());

        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = TokensCommand.Run(["revoke", issued.GetProperty("id").GetString()!, "--site", server.Site.SiteFile, "--secrets", server.Site.SecretsFile], output, errors);
        Assert.True(exit == 0, errors.ToString());

        // The stream ends by itself: read to its end (a minute's cap only so that a failure cannot hang the run).
        using var cap = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await stream.ReadToEndAsync(cap.Token);
        Assert.False(cap.IsCancellationRequested, "the stream of a revoked token stayed open");
        Assert.Equal(HttpStatusCode.Unauthorized, (await home.GetAsync("api/screen")).StatusCode);
        // Another household's token is untouched.
        using var other = server.Client(ScreenTestSite.TokenOf("h01"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("api/screen")).StatusCode);
    }

    [Fact]
    public async Task The_subcommand_issues_lists_and_revokes_with_a_printable_card()
    {
        var card = Path.Combine(server.Site.Folder, "h06-card.svg");
        var output = new StringWriter();
        string[] files = ["--site", server.Site.SiteFile, "--secrets", server.Site.SecretsFile];
        Assert.Equal(0, TokensCommand.Run(["issue", "h06", "--url", "http://lustrac.local:8080", "--card", card, .. files], output, new StringWriter()));
        var link = output.ToString().Split('\n').Single(l => l.StartsWith("http://lustrac.local:8080/?token=", StringComparison.Ordinal)).Trim();
        var token = Uri.UnescapeDataString(link[(link.IndexOf('=') + 1)..]);
        Assert.Contains("Maison 6", XDocument.Load(card).ToString());

        using var home = server.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await home.GetAsync("api/screen")).StatusCode); // the running server read the file again

        output = new StringWriter();
        Assert.Equal(0, TokensCommand.Run(["list", .. files], output, new StringWriter()));
        Assert.Contains(output.ToString().Split('\n'), l => l.StartsWith("h06", StringComparison.Ordinal) && l.Contains("active", StringComparison.Ordinal));
        Assert.Equal(0, TokensCommand.Run(["revoke", "h06", .. files], new StringWriter(), new StringWriter()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await home.GetAsync("api/screen")).StatusCode);
        Assert.Equal(2, TokensCommand.Run(["issue", "h99", .. files], new StringWriter(), new StringWriter()));
    }
}
