using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

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
        var api = app.MapGroup("/api");
        // A group's own path is mapped on its parent: MapGet("") under the group would give the route a trailing slash.
        api.MapGet("/tokens", ListTokens);
        api.MapPost("/tokens", IssueToken).Produces<IssuedTokenJson>(StatusCodes.Status201Created);
        api.MapGroup("/tokens").MapDelete("/{id}", RevokeTokens);
    }

    [OperatorOnly]
    public static Ok<IEnumerable<TokenJson>> ListTokens(HouseholdTokenStore tokens) => TypedResults.Ok(tokens.List().Select(TokenJson.Of));

    /// <summary><c>?principal=</c> (not <c>?household=</c>): issuing reads no household data, and the middleware checks household parameters as reads.</summary>
    [OperatorOnly]
    public static Results<JsonHttpResult<IssuedTokenJson>, BadRequest<ApiError>> IssueToken(
        HttpContext http, string? principal, SiteModel site, HouseholdTokenStore tokens, IConfiguration config, TimeProvider clock)
    {
        var household = principal;
        if (string.IsNullOrEmpty(household) || (household != HouseholdTokenStore.Operator && site.Households.All(h => h.Id != household)))
            return ApiErrors.BadRequest($"principal: give one of {string.Join(", ", site.Households.Select(h => h.Id))} or '{HouseholdTokenStore.Operator}'");
        var (token, id) = tokens.Issue(household, clock.GetUtcNow());
        var link = PairingCard.Link(PublicUrl(http, config), token);
        var name = site.Households.FirstOrDefault(h => h.Id == household)?.Name is { Length: > 0 } n ? n : household;
        // 201 without a Location: the token has no address of its own to fetch it back from.
        return TypedResults.Json(new IssuedTokenJson(household, id, token, link, PairingCard.CardSvg(name, link)), statusCode: StatusCodes.Status201Created);
    }

    /// <summary><c>{id}</c>: a token id from the list, or a household (every token of it).</summary>
    [OperatorOnly]
    public static Results<Ok<RevokedJson>, NotFound<ApiError>> RevokeTokens(string id, HouseholdTokenStore tokens, TimeProvider clock)
    {
        var revoked = tokens.Revoke(id, clock.GetUtcNow());
        return revoked.Count == 0
            ? ApiErrors.NotFound($"no live token '{id}' (a household or a token id from GET /api/tokens)")
            : TypedResults.Ok(new RevokedJson(revoked));
    }

    /// <summary><c>Privacy:PublicUrl</c> (the address residents' screens reach the server at), else the one this request used.</summary>
    private static string PublicUrl(HttpContext http, IConfiguration config) =>
        config["Privacy:PublicUrl"] is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}";
}
