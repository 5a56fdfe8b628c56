using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// A pile whose sanitisation rule is at risk, from the stored <c>compost_status</c> rows: its hot run stopped before
/// the rule's time (interrupted: the coolest probe fell below the threshold, or the probes went quiet), or it is hot
/// but its turnings lag behind the pace the rule needs (turnings in the run &lt; the share of the hot time elapsed ×
/// turnings required). A pile that is achieved, not started, or with no row in the last day raises nothing.
/// </summary>
public sealed class CompostRule(SitePlan plan, IAutonomyStore store) : IAlertRule, IReadsStoredFigures
{
    public async Task<IReadOnlyList<AlertCondition>> EvaluateAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (plan.Piles.Count == 0) return [];
        var longest = plan.Piles.Max(p => p.Rule.Duration);
        var rows = await store.ReadCompostAsync(now.UtcDateTime - longest - TimeSpan.FromDays(1), now.UtcDateTime, ct).ConfigureAwait(false);
        var found = new List<AlertCondition>();
        foreach (var pile in plan.Piles)
        {
            var history = rows.Where(r => r.Asset == pile.Id).OrderBy(r => r.StartUtc).ToList();
            if (history.Count == 0 || now.UtcDateTime - history[^1].StartUtc > TimeSpan.FromDays(1)) continue;
            var latest = history[^1];
            var rule = pile.Rule;
            if (latest.Status == SanitisationStatus.Interrupted)
                found.Add(Condition(pile.Id, "cooled",
                    $"Compost pile {pile.Id} stopped heating before its rule was met ({rule.Id}: {rule.ThresholdC:F0} °C for {AlertText.Duration(rule.Duration)}" +
                    (rule.MinTurnings > 0 ? $", {rule.MinTurnings} turnings" : "") + ")" +
                    (latest.CoolestC is { } c ? $"; coolest probe {c:F1} °C" : "; no probe reading") +
                    ". Turn it, check its moisture and add green matter; the hot time starts again."));
            else if (latest.Status == SanitisationStatus.InProgress && rule.MinTurnings > 0)
            {
                var runStart = history.AsEnumerable().Reverse().TakeWhile(r => r.Status == SanitisationStatus.InProgress).Last().StartUtc;
                var elapsed = Math.Clamp((latest.StartUtc - runStart) / rule.Duration, 0, 1);
                var due = (int)Math.Floor(elapsed * rule.MinTurnings);
                if (latest.Turnings < due)
                    found.Add(Condition(pile.Id, "turnings_due",
                        $"Compost pile {pile.Id} has been turned {latest.Turnings} of {rule.MinTurnings} times after {AlertText.Percent(elapsed)} of its " +
                        $"{AlertText.Duration(rule.Duration)} hot time: a turning is due (record it with POST /api/compost/{pile.Id}/turnings)."));
            }
        }
        return found;
    }

    // One key per pile: a pile that goes from "turnings due" to "cooled" updates one open alert.
    private static AlertCondition Condition(string pile, string why, string message) =>
        new($"{AlertKinds.CompostAtRisk}:{pile}", AlertKinds.CompostAtRisk, pile, AlertAudience.Operator, message);
}
