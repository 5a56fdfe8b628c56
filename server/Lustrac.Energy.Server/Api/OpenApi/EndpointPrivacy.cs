using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.Server.Api.OpenApi;

/// <summary>
/// The privacy rule of every endpoint, in words, for the OpenAPI description. Operator-only endpoints and endpoints
/// that name a household get their rule from what <see cref="PrivacyMiddleware"/> enforces; the others are declared
/// here. A new endpoint without a rule is described as "undeclared", which the OpenAPI test refuses.
/// </summary>
public static class EndpointPrivacy
{
    public const string Undeclared = "undeclared";

    private const string HouseholdRule =
        "a household named by the request is shown only to its own token (every resolution) or the operator; the operator gets " +
        "a resolution other than day, month or year only if the household consented to fine data (consent_fine_data); otherwise 403";

    // Netting per interval and per hour is computed from the load curve, so a household's comparison is fine data.
    private const string GranularityRule =
        "without a household: neighbourhood figures; a household named by the request only to its own token or the operator, " +
        "and only if it consented to fine data (consent_fine_data: its interval and hourly netting come from its load curve); otherwise 403";

    // The explanation's table is per interval: fine data of the household named, and per-home shares only of homes the viewer may see finely.
    private const string ExplainRule =
        "without a household: neighbourhood figures, with per-household allocation columns only for households the token may see at " +
        "interval resolution (its own; the operator: those that consented to fine data); a household named by the request only to its " +
        "own token, or to the operator if it consented to fine data (consent_fine_data); otherwise 403";

    private const string ReplayRule =
        "public: the neighbourhood's intervals of one past day, no household (a household parameter is refused); consumption only " +
        "when the site has at least 5 households, else to the operator only";
    private const string SettlementRule =
        "household required: its own token, or the operator; a statement is month figures with daily lines, so the operator " +
        "reads a household without consent_fine_data with resolution=month (any other resolution: 400)";
    private const string ScenarioRule =
        "public, filtered by the token: neighbourhood figures over ≥ 5 households; households at day resolution or coarser, " +
        "each to its own token and all to the operator (never finer than a day, so consent to fine data is not needed)";

    private static readonly Dictionary<string, string> Declared = new(StringComparer.Ordinal)
    {
        ["GET /health"] = "public: service state and counters, no household data",
        ["GET /metrics"] = "public: Prometheus counters, no household data",
        ["GET /api/live"] = "public, filtered: a household's devices to that household, or to the operator if it consented to fine data",
        ["GET /api/devices"] = "public, filtered: a household's devices (state, no reading) to that household and to the operator",
        ["GET /api/devices/sequence"] = "public: per-device sequence counters, no readings",
        ["GET /api/screen"] = "public, filtered by the token: aggregates for a shared screen, the household's own flows with its token (consent or not)",
        ["GET /api/screen/stream"] = "public, filtered by the token: as GET /api/screen",
        ["GET /screen"] = "public: redirect to the wall screen page",
        ["GET /api/alerts"] = "public, filtered: residents' alerts (a shared tank, no household) to everyone; device and operational alerts to the operator only",
        ["GET /api/vital-needs"] = "public: neighbourhood figures only",
        ["GET /api/compost"] = "public: compost piles, no household data",
        ["GET /api/compost/{pile}/turnings"] = "public: turnings of a compost pile, no household data",
        ["GET /api/autonomy/granularity"] = GranularityRule,
        ["GET /api/autonomy/granularity.csv"] = GranularityRule,
        ["GET /api/explain/{figure}"] = ExplainRule,
        ["GET /api/explain/{figure}.csv"] = ExplainRule,
        ["GET /api/replay"] = ReplayRule,
        ["GET /api/replay.csv"] = ReplayRule,
        ["GET /api/scenarios"] = "public: saved scenario definitions (changes only, no figures)",
        ["GET /api/scenarios/{id}/result"] = ScenarioRule,
        ["GET /api/scenarios/{id}/result.csv"] = ScenarioRule,
        ["GET /api/compost/{pile}/register.csv"] = "public: sanitisation register of a compost pile, no household data",
        ["GET /api/settlement"] = SettlementRule,
        ["GET /api/autonomy/compare/households"] =
            "public, filtered by the token: whole-day totals per allocation key (≤ 31 days); households to their own token and all to the " +
            "operator (day figures, so consent to fine data is not needed), none to a shared screen; on a site of fewer than 5 households, the operator's only (403 to others)",
        ["GET /api/settlement/statement.csv"] = SettlementRule,
    };

    /// <summary>The rule of one endpoint, from its method, route pattern and metadata.</summary>
    public static string RuleOf(string method, string route, IReadOnlyList<object> metadata, IEnumerable<string> parameters)
    {
        if (metadata.OfType<OperatorOnlyAttribute>().Any()) return "operator only: the operator's token, otherwise 403";
        if (Declared.TryGetValue($"{method} {route}", out var declared)) return declared;
        if (parameters.Any(p => PrivacyMiddleware.HouseholdParameterNames.Contains(p, StringComparer.Ordinal)))
            return "without a household: neighbourhood figures (consumption only over ≥ 5 reporting households); " + HouseholdRule;
        return Undeclared;
    }
}
