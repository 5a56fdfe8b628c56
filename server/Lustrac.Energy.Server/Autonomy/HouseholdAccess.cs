namespace Lustrac.Energy.Server.Autonomy;

/// <summary>The scope a request asks for: a household's figures, or (household null) the neighbourhood's.</summary>
public sealed record RequestedScope(string? Household)
{
    public string Name => Household is null ? AutonomyScope.Neighbourhood : AutonomyScope.Household;
}

/// <summary>
/// The one place where a request's <c>household</c> parameter becomes a scope. Every autonomy endpoint goes through
/// <see cref="Resolve"/>, so an authorization rule (household tokens, consent for fine-grained data) is added here once.
/// </summary>
public static class HouseholdAccess
{
    /// <returns>The scope, or an error result to send back (400 for an unknown household).</returns>
    public static (RequestedScope? Scope, IResult? Error) Resolve(HttpContext context, SitePlan plan, string? household)
    {
        _ = context; // what an authorization filter will look at (token, consent); unused until privacy lands
        if (string.IsNullOrEmpty(household)) return (new RequestedScope(null), null);
        if (plan.FindHousehold(household) is null)
            return (null, ApiErrors.BadRequest($"unknown household '{household}'; known households: {string.Join(", ", plan.Households.Select(h => h.Id))}"));
        return (new RequestedScope(household), null);
    }
}

public static class ApiErrors
{
    public static IResult BadRequest(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status400BadRequest);
}
