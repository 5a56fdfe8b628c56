using System.Globalization;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.Server.Explain;

/// <summary>
/// Self-sufficiency, self-consumption and the allocation of the shared arrays, explained over whole local days: the
/// stored <c>energy_interval</c> rows as a table, with each visible household's allocated share beside the
/// neighbourhood's flows, and the sums /api/autonomy serves for the same range (the same store call).
/// </summary>
public static class EnergyExplanation
{
    private static readonly string[] FlowColumns =
        ["consumption_kwh", "production_kwh", "shared_production_kwh", "self_consumed_kwh", "locally_supplied_kwh", "import_kwh", "export_kwh", "allocated_kwh"];

    public static async Task<Explanation> BuildAsync(string figure, IAutonomyStore store, SitePlan plan, PrivacyPolicy policy, Viewer viewer,
        RequestedScope scope, AutonomyQuery query, CancellationToken ct)
    {
        var own = await store.ReadEnergyAsync(scope.Household, query.FromUtc, query.ToUtc, ct);
        // The shared arrays' production is the neighbourhood's production less the homes' own panels (an aggregate).
        var neighbourhood = scope.Household is null ? own : await store.ReadEnergyAsync(null, query.FromUtc, query.ToUtc, ct);
        var shared = neighbourhood.Where(r => r.IsDefined).ToDictionary(r => r.StartUtc, r => r.Parts.Production - r.OwnProduction);
        // Per-household shares beside the neighbourhood's flows: a home's interval shares are its load curve, so only the homes this viewer may see finely.
        var visible = scope.Household is null ? plan.Households.Where(h => policy.MaySeeFineData(viewer, h.Id)).Select(h => h.Id).ToList() : [];
        var shares = new List<Dictionary<DateTime, double>>();
        foreach (var h in visible)
            shares.Add((await store.ReadEnergyAsync(h, query.FromUtc, query.ToUtc, ct)).Where(r => r.IsDefined).ToDictionary(r => r.StartUtc, r => r.Parts.Allocated));

        var columns = FlowColumns.Concat(visible.Select(h => "allocated_kwh:" + h)).ToList();
        var rows = own.Select(r => new ExplainRow(r.StartUtc, WireNames.Of(r.Quality), r.IsDefined
            ? [r.Parts.Consumption, r.Parts.Production, shared.TryGetValue(r.StartUtc, out var s) ? s : null, r.Parts.SelfConsumed,
               r.Parts.LocallySupplied, r.Parts.Import, r.Parts.Export, r.Parts.Allocated, .. shares.Select(d => d.TryGetValue(r.StartUtc, out var a) ? a : (double?)null)]
            : [.. columns.Select(_ => (double?)null)])).ToList();

        // The sums are /api/autonomy's for this range (the store's day rows); shared production and per-home shares are Σ of the rows above.
        var total = (await AutonomyFigures.EnergyPeriodsAsync(store, plan, scope, query, ct)).Total;
        bool any = total.Present > 0;
        var sums = new Dictionary<string, double?>(StringComparer.Ordinal)
        {
            ["consumption_kwh"] = any ? total.Sum.Consumption : null,
            ["production_kwh"] = any ? total.Sum.Production : null,
            ["shared_production_kwh"] = SumOf(rows, 2),
            ["self_consumed_kwh"] = any ? total.Sum.SelfConsumed : null,
            ["locally_supplied_kwh"] = any ? total.Sum.LocallySupplied : null,
            ["import_kwh"] = any ? total.Sum.Import : null,
            ["export_kwh"] = any ? total.Sum.Export : null,
            ["allocated_kwh"] = any ? total.Sum.Allocated : null,
        };
        for (int i = 0; i < visible.Count; i++) sums["allocated_kwh:" + visible[i]] = SumOf(rows, FlowColumns.Length + i);

        var (value, filled) = figure switch
        {
            ExplainFigures.SelfSufficiency => (any ? total.Sum.SelfSufficiency : null,
                Fill("SS", sums["locally_supplied_kwh"], sums["consumption_kwh"], any ? total.Sum.SelfSufficiency : null)),
            ExplainFigures.SelfConsumption => (any ? total.Sum.SelfConsumption : null,
                Fill("SC", sums["self_consumed_kwh"], sums["production_kwh"], any ? total.Sum.SelfConsumption : null)),
            _ => AllocationShare(sums),
        };
        return new Explanation(figure, scope.Name, scope.Household, null, query.FromUtc, query.ToUtc,
            ExplainFigures.Definition(figure), ExplainFigures.Formula(figure) + "; key: " + KeyName(plan), columns, rows, sums, value, filled, "kWh",
            scope.Household is null ? plan.Households.Count - visible.Count : 0);
    }

    /// <summary>Σ allocated (the scope's) / Σ shared production: how much of the shared arrays' output the scope was given.</summary>
    private static (double?, string) AllocationShare(Dictionary<string, double?> sums)
    {
        var allocated = sums["allocated_kwh"];
        var sharedTotal = sums["shared_production_kwh"];
        double? share = allocated is double a && sharedTotal is double p ? Ratio.Clamped(a, p) : null;
        return (share, Fill("share", allocated, sharedTotal, share));
    }

    private static double? SumOf(IReadOnlyList<ExplainRow> rows, int column) =>
        rows.Any(r => r.Values[column] is not null) ? rows.Sum(r => r.Values[column] ?? 0) : null;

    /// <summary>"SS = 3.5 / 4 = 0.875" (invariant, kWh to 4 decimals): the formula with the range's sums.</summary>
    public static string Fill(string name, double? numerator, double? denominator, double? value) =>
        $"{name} = {Number(numerator)} / {Number(denominator)} = {Number(value)}";

    public static string Number(double? v) => v is double d ? Math.Round(d, 4).ToString("0.####", CultureInfo.InvariantCulture) : "—";

    private static string KeyName(SitePlan plan) => plan.Allocation.Key switch
    {
        Lustrac.Energy.Autonomy.Allocation.AllocationKey.Static => "static",
        Lustrac.Energy.Autonomy.Allocation.AllocationKey.EqualShare => "equal_share",
        _ => "default_dynamic",
    };
}
