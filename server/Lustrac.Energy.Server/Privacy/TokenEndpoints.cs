using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Privacy;

/// <summary>
/// Pairing screens without reading server logs (operator token only): list the tokens, issue one for a household with
/// its link and printable QR card, revoke one or all of a household's. Only hashes are kept; the plain token is in the
/// issue answer and nowhere else.
/// </summary>
public static class TokenEndpoints
{
    public static void MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tokens", (HouseholdTokenStore tokens) => Results.Ok(tokens.List().Select(Json))).RequireOperator();

        // ?principal= (not ?household=): issuing reads no household data, and the middleware checks household parameters as reads.
        app.MapPost("/api/tokens", (HttpContext http, string? principal, SiteModel site, HouseholdTokenStore tokens, IConfiguration config, TimeProvider clock) =>
        {
            var household = principal;
            if (string.IsNullOrEmpty(household) || (household != HouseholdTokenStore.Operator && site.Households.All(h => h.Id != household)))
                return Results.Json(new { error = $"principal: give one of {string.Join(", ", site.Households.Select(h => h.Id))} or '{HouseholdTokenStore.Operator}'" },
                    statusCode: StatusCodes.Status400BadRequest);
            var (token, id) = tokens.Issue(household, clock.GetUtcNow());
            var link = PairingCard.Link(PublicUrl(http, config), token);
            var name = site.Households.FirstOrDefault(h => h.Id == household)?.Name is { Length: > 0 } n ? n : household;
            return Results.Json(new { principal = household, id, token, link, card_svg = PairingCard.CardSvg(name, link) }, statusCode: StatusCodes.Status201Created);
        }).RequireOperator();

        // {id}: a token id from the list, or a household (every token of it).
        app.MapDelete("/api/tokens/{id}", (string id, HouseholdTokenStore tokens, TimeProvider clock) =>
        {
            var revoked = tokens.Revoke(id, clock.GetUtcNow());
            return revoked.Count == 0
                ? Results.Json(new { error = $"no live token '{id}' (a household or a token id from GET /api/tokens)" }, statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(new { revoked });
        }).RequireOperator();
    }

    public static object Json(TokenEntry e) => new
    {
        principal = e.Principal,
        id = e.Id,
        state = e.Revoked ? "revoked" : "active",
        since = e.Issued?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary><c>Privacy:PublicUrl</c> (the address residents' screens reach the server at), else the one this request used.</summary>
    private static string PublicUrl(HttpContext http, IConfiguration config) =>
        config["Privacy:PublicUrl"] is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}";
}
