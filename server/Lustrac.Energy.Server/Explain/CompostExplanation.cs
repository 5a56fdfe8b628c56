using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Storage;
using static Lustrac.Energy.Server.Explain.EnergyExplanation;

namespace Lustrac.Energy.Server.Explain;

/// <summary>
/// A compost pile's progress: the stored <c>compost_status</c> rows of the range as the table, and the engine's
/// assessment at the end of the range (probe readings and turnings over the rule's window, as /api/compost makes it)
/// split into its two requirements.
/// </summary>
public static class CompostExplanation
{
    public static async Task<Explanation> BuildAsync(IAutonomyStore store, IReadingStore readings, ITurningStore turnings, CompostPlan pile,
        AutonomyQuery query, DateTime nowUtc, CancellationToken ct)
    {
        var stored = (await store.ReadCompostAsync(query.FromUtc, query.ToUtc, ct)).Where(r => r.Asset == pile.Id).ToList();
        var rows = stored.Select(r => new ExplainRow(r.StartUtc, WireNames.Of(r.Status), [r.Progress, r.CoolestC, r.Turnings])).ToList();

        var asOf = query.ToUtc < nowUtc ? query.ToUtc : nowUtc;
        var from = asOf - pile.Rule.Duration - TimeSpan.FromDays(1);
        var all = await readings.ReadQuantityAsync(QuantityNames.Temperature, from, asOf, ct);
        var probes = pile.Probes.SelectMany(p => all.TryGetValue(p, out var list)
            ? list.Select(r => new ProbeReading(SiteReadings.ToUtc(r.TimeMs), p, r.Value)) : []);
        var turned = (await turnings.ReadTurningsAsync(pile.Id, from, asOf, ct)).Select(t => t.TimeUtc);
        var a = SanitisationAssessor.Assess(pile.Id, probes, pile.Rule, turned, expectedProbes: pile.Probes, asOfUtc: asOf);

        double hotHours = a.CurrentRun?.Duration.TotalHours ?? 0, turnsDone = a.CurrentRun?.Turnings ?? 0;
        double hot = Figures.CompostProgress.HotTime(a), turns = Figures.CompostProgress.Turnings(a), progress = Figures.CompostProgress.Of(a);
        var sums = new Dictionary<string, double?>(StringComparer.Ordinal)
        {
            ["hot_hours"] = hotHours, ["hours_required"] = pile.Rule.Duration.TotalHours, ["hot_time_progress"] = hot,
            ["turnings"] = turnsDone, ["turnings_required"] = pile.Rule.MinTurnings, ["turnings_progress"] = turns,
            ["threshold_c"] = pile.Rule.ThresholdC,
        };
        string filled = a.Status == SanitisationStatus.Achieved
            ? $"progress = 1 (achieved, rule {pile.Rule.Id})"
            : $"progress = min({Number(hotHours)} / {Number(pile.Rule.Duration.TotalHours)}, {Number(turnsDone)} / {pile.Rule.MinTurnings}) = min({Number(hot)}, {Number(turns)}) = {Number(progress)}";
        return new Explanation(ExplainFigures.CompostProgress, AutonomyScope.Neighbourhood, null, pile.Id, query.FromUtc, query.ToUtc,
            ExplainFigures.Definition(ExplainFigures.CompostProgress), ExplainFigures.Formula(ExplainFigures.CompostProgress) + $"; rule {pile.Rule.Id}: ≥ {Number(pile.Rule.ThresholdC)} °C",
            ["progress", "coolest_c", "turnings"], rows, sums, progress, filled, "");
    }
}
