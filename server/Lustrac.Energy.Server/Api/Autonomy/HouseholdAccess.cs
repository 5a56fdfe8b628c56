using Lustrac.Energy.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Api.Autonomy;

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
    public static (RequestedScope? Scope, BadRequest<ApiError>? Error) Resolve(HttpContext context, SitePlan plan, string? household)
    {
        _ = context; // what an authorization filter will look at (token, consent); unused until privacy lands
        if (string.IsNullOrEmpty(household)) return (new RequestedScope(null), null);
        if (plan.FindHousehold(household) is null)
            return (null, ApiErrors.BadRequest($"unknown household '{household}'; known households: {string.Join(", ", plan.Households.Select(h => h.Id))}"));
        return (new RequestedScope(household), null);
    }
}
