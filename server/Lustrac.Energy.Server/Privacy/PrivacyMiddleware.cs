namespace Lustrac.Energy.Server.Privacy;

/// <summary>
/// The one authorization layer in front of every endpoint. It resolves the viewer from the token
/// (<c>Authorization: Bearer …</c>, or <c>?token=</c> for a link opened on a wall screen), refuses a wrong token,
/// and checks any household named by the request (query or route parameter <c>household</c>/<c>householdId</c>)
/// and any fine resolution asked for it (<see cref="PrivacyPolicy.MaySeeResolution"/>), before the endpoint runs. Endpoints that list several households
/// filter with <see cref="PrivacyPolicy"/> and the bound <see cref="Viewer"/>.
/// </summary>
public sealed class PrivacyMiddleware(RequestDelegate next, HouseholdTokenStore tokens, PrivacyPolicy policy)
{
    public static readonly string[] HouseholdParameterNames = ["household", "householdId", "household_id"];

    public async Task InvokeAsync(HttpContext context)
    {
        var token = TokenOf(context.Request);
        Viewer viewer;
        if (token is null) viewer = Viewer.Public;
        else
        {
            var principal = tokens.PrincipalOf(token);
            if (principal is null) { await Refuse(context, StatusCodes.Status401Unauthorized, "unknown token", "jeton inconnu"); return; }
            viewer = principal == HouseholdTokenStore.Operator ? Viewer.Operator : policy.HouseholdViewer(principal);
        }
        context.Items[Viewer.ItemKey] = viewer;

        if (context.GetEndpoint()?.Metadata.GetMetadata<OperatorOnlyAttribute>() is not null && viewer.Kind != ViewerKind.Operator)
        {
            await Refuse(context, StatusCodes.Status403Forbidden, "operator token required", "il faut le jeton de l'opérateur");
            return;
        }
        var named = HouseholdsNamedBy(context.Request).ToList();
        if (named.Count == 0 && !policy.MaySeeNeighbourhoodFigures(viewer)
            && PrivacyPolicy.NeighbourhoodFigureRoutes.Any(r => context.Request.Path.Value?.StartsWith(r, StringComparison.OrdinalIgnoreCase) == true))
        {
            await Refuse(context, StatusCodes.Status403Forbidden,
                $"the neighbourhood has {policy.HouseholdCount} households; its figures are shown to screens and households from " +
                $"{PrivacyPolicy.MinimumAggregateHouseholds} up (fewer, and one home could be read from them): ask for your own household, or use the operator token",
                $"le quartier compte {policy.HouseholdCount} foyers ; ses chiffres sont montrés aux écrans et aux foyers à partir de " +
                $"{PrivacyPolicy.MinimumAggregateHouseholds} (en dessous, on pourrait y lire la consommation d'un foyer) : demandez ceux de votre foyer, ou utilisez le jeton de l'opérateur");
            return;
        }
        foreach (var household in named)
        {
            if (!policy.MaySeeHousehold(viewer, household))
            {
                await Refuse(context, StatusCodes.Status403Forbidden, $"this token may not read household '{household}'", $"ce jeton ne permet pas de lire le foyer « {household} »");
                return;
            }
            // A household the site does not have is the endpoint's to refuse (400 "unknown household"), not a privacy matter.
            if (policy.IsKnownHousehold(household) && !policy.MaySeeResolution(viewer, household, context.Request.Query["resolution"].ToString()))
            {
                await Refuse(context, StatusCodes.Status403Forbidden,
                    $"household '{household}' has not consented to others seeing its fine-grained data; ask for resolution=day, month or year",
                    $"le foyer « {household} » n'a pas accepté que d'autres voient ses données fines : demandez des chiffres par jour, mois ou année (resolution=day, month ou year)");
                return;
            }
        }
        await next(context);
    }

    private static IEnumerable<string> HouseholdsNamedBy(HttpRequest request)
    {
        foreach (var name in HouseholdParameterNames)
        {
            foreach (var value in request.Query[name]) if (!string.IsNullOrEmpty(value)) yield return value;
            if (request.RouteValues.TryGetValue(name, out var route) && route?.ToString() is { Length: > 0 } r) yield return r;
        }
    }

    /// <summary>The token a request carries (header first), or null for a shared screen.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        var query = request.Query["token"].ToString();
        return query.Length > 0 ? query : null;
    }

    /// <summary><c>error</c> for programs, <c>why</c> in both languages for the pages people read.</summary>
    private static Task Refuse(HttpContext context, int status, string reason, string reasonFr) =>
        Results.Json(new { error = reason, why = new { en = reason, fr = reasonFr } }, statusCode: status).ExecuteAsync(context);
}

/// <summary>Marks an endpoint that shows raw data of every household (quarantined payloads…): operator token only.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class OperatorOnlyAttribute : Attribute;
