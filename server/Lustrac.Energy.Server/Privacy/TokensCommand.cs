using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Privacy;

/// <summary>
/// <c>Lustrac.Energy.Server tokens issue HOUSEHOLD [--card FILE.svg] | list | revoke HOUSEHOLD|ID</c>, with
/// <c>--site</c>, <c>--secrets</c> (default <c>data/households.secrets</c>) and <c>--url</c> (the screens' address,
/// default <c>http://localhost:8080</c>). Works on the secrets file beside a running server, which reads it again at once.
/// </summary>
public static class TokensCommand
{
    public const string Name = "tokens";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count) options[args[i]] = args[++i];
            else words.Add(args[i]);
        }
        if (words.Count == 0 || words[0] is not ("issue" or "list" or "revoke") || (words[0] != "list" && words.Count != 2))
        {
            errors.WriteLine($"usage: Lustrac.Energy.Server {Name} issue HOUSEHOLD [--card FILE.svg] | list | revoke HOUSEHOLD|ID  [--site FILE] [--secrets FILE] [--url URL]");
            return 2;
        }
        var siteFile = options.GetValueOrDefault("--site", "site/lustrac.site.yaml");
        var secrets = options.GetValueOrDefault("--secrets", "data/households.secrets");
        try
        {
            var site = SiteLoader.LoadFile(siteFile);
            var (store, _) = HouseholdTokenStore.LoadOrMint(secrets, site);
            using (store) return words[0] switch
            {
                "list" => List(store, output),
                "issue" => Issue(store, site, words[1], options, output, errors),
                _ => Revoke(store, words[1], output, errors),
            };
        }
        catch (Exception ex) when (ex is SiteModelException or StartupException or IOException or UnauthorizedAccessException)
        {
            errors.WriteLine(ex.Message);
            return 2;
        }
    }

    private static int List(HouseholdTokenStore store, TextWriter output)
    {
        foreach (var e in store.List())
            output.WriteLine($"{e.Principal,-10} {e.Id}  {(e.Revoked ? "revoked" : "active "),-8} {e.Issued?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
        return 0;
    }

    private static int Issue(HouseholdTokenStore store, SiteModel site, string principal, Dictionary<string, string> options, TextWriter output, TextWriter errors)
    {
        if (principal != HouseholdTokenStore.Operator && site.Households.All(h => h.Id != principal))
        {
            errors.WriteLine($"'{principal}' is not a household of the site; known: {string.Join(", ", site.Households.Select(h => h.Id))}, or '{HouseholdTokenStore.Operator}'.");
            return 2;
        }
        var (token, id) = store.Issue(principal, DateTimeOffset.UtcNow);
        var link = PairingCard.Link(options.GetValueOrDefault("--url", "http://localhost:8080"), token);
        output.WriteLine($"token {id} for {principal} (shown once, only its hash is kept):");
        output.WriteLine(link);
        if (options.TryGetValue("--card", out var card))
        {
            var name = site.Households.FirstOrDefault(h => h.Id == principal)?.Name is { Length: > 0 } n ? n : principal;
            File.WriteAllText(card, PairingCard.CardSvg(name, link));
            output.WriteLine($"printable card with its QR code: {card}");
        }
        return 0;
    }

    private static int Revoke(HouseholdTokenStore store, string what, TextWriter output, TextWriter errors)
    {
        var revoked = store.Revoke(what, DateTimeOffset.UtcNow);
        if (revoked.Count == 0) { errors.WriteLine($"no live token '{what}' (a household or a token id from 'tokens list')."); return 2; }
        output.WriteLine($"revoked {string.Join(", ", revoked)}");
        return 0;
    }
}
