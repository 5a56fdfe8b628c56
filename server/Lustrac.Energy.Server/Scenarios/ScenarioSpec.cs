using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Scenarios;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using SiteKey = Lustrac.Energy.Protocol.Site.AllocationKey;

namespace Lustrac.Energy.Server.Scenarios;

/// <summary>
/// A scenario as the working group writes it (JSON, camelCase): the engine's changes, and the key by its site-file
/// name (<c>static</c>, <c>default_dynamic</c>, <c>equal_share</c>; null = the site's own key).
/// </summary>
public sealed record ScenarioSpec(
    string? Name,
    IReadOnlyList<ScaledArray>? ScaledArrays = null,
    IReadOnlyList<AddedArray>? AddedArrays = null,
    IReadOnlyList<ScenarioBattery>? Batteries = null,
    TankChange? Tank = null,
    LoadShift? LoadShift = null,
    string? Allocation = null)
{
    public static readonly string[] KeyNames = ["static", "default_dynamic", "equal_share"];

    /// <summary>The engine's changes, or the problems (each naming its field) that make the request a 400.</summary>
    public (ScenarioChanges? Changes, IReadOnlyList<ScenarioProblem> Problems) ToChanges(SiteModel site, SitePlan plan)
    {
        var problems = new List<ScenarioProblem>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add(new("name: give the scenario a name, e.g. \"6 kWp on the workshop + shared battery\".",
            "Nom : donnez un nom au scénario, par exemple « 6 kWc sur l'atelier + batterie partagée »."));
        else if (Name.Length > 120) problems.Add(new($"name: at most 120 characters ({Name.Length} given).", $"Nom : 120 caractères au plus ({Name.Length} donnés)."));
        AllocationRule? rule = null;
        if (Allocation is not null)
        {
            if (!KeyNames.Contains(Allocation)) problems.Add(new($"allocation: '{Allocation}' is not one of {string.Join(", ", KeyNames)}.",
                $"Clé de répartition : « {Allocation} » n'est pas l'une de {string.Join(", ", KeyNames)}."));
            else if (Allocation == "static" && site.Allocation.StaticShares.Count == 0)
                problems.Add(new("allocation: static needs the shares of each household, and the site file gives none (allocation.static_shares).",
                    "Clé de répartition : la clé statique demande la part de chaque foyer, et le fichier du site n'en donne pas (allocation.static_shares)."));
            else rule = SitePlan.RuleFor(site.Allocation with { Key = Allocation switch
            {
                "static" => SiteKey.Static, "equal_share" => SiteKey.EqualShare, _ => SiteKey.DefaultDynamic,
            } }, plan.Households);
        }
        if ((Batteries ?? []).Any(b => b is null) || (ScaledArrays ?? []).Any(a => a is null) || (AddedArrays ?? []).Any(a => a is null))
            problems.Add(new("a list of arrays or batteries holds a null entry.", "Une liste de centrales ou de batteries contient une entrée vide."));
        if (problems.Count > 0) return (null, problems);
        var changes = new ScenarioChanges(ScaledArrays, AddedArrays, Batteries, Tank, LoadShift, rule);
        problems.AddRange(ScenarioValidation.Explained(changes,
            StoredHistory.SharedArrays(site).Select(a => a.Id).ToArray(), plan.Households.Select(h => h.Id).ToArray()));
        if (Tank is not null && plan.Tanks.Count == 0) problems.Add(new("tank: this site has no rain tank to enlarge.", "Cuve : ce site n'a pas de cuve de pluie à agrandir."));
        return problems.Count > 0 ? (null, problems) : (changes, problems);
    }
}

/// <summary>A saved scenario: its id (in URLs), when it was saved, what it changes.</summary>
public sealed record SavedScenario(string Id, DateTime SavedUtc, ScenarioSpec Spec);
