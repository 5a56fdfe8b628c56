using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using static Lustrac.Energy.Server.Explain.EnergyExplanation;

namespace Lustrac.Energy.Server.Explain;

/// <summary>The vital-needs index from the stored daily <c>vital_needs</c> rows: each component from its summed parts, as /api/vital-needs does.</summary>
public static class VitalNeedsExplanation
{
    public static async Task<Explanation> BuildAsync(IAutonomyStore store, AutonomyQuery query, CancellationToken ct)
    {
        var stored = await store.ReadVitalNeedsAsync(query.FromUtc, query.ToUtc, ct);
        var rows = stored.Select(r => new ExplainRow(r.DayStartUtc, "", [r.Energy, r.Water, r.Compost, r.Index,
            r.Parts.Energy?.Part, r.Parts.Energy?.Whole, r.Parts.Water?.Part, r.Parts.Water?.Whole, r.Parts.Compost?.Part, r.Parts.Compost?.Whole])).ToList();
        var sum = stored.Aggregate(VitalNeedsParts.AdditiveIdentity, (total, r) => total + r.Parts);
        var sums = new Dictionary<string, double?>(StringComparer.Ordinal)
        {
            ["energy"] = sum.EnergyRatio, ["water"] = sum.WaterRatio, ["compost"] = sum.CompostRatio, ["index"] = sum.Index,
            ["energy_local_kwh"] = sum.Energy?.Part, ["energy_consumption_kwh"] = sum.Energy?.Whole,
            ["water_rain_l"] = sum.Water?.Part, ["water_total_l"] = sum.Water?.Whole,
            ["compost_diverted_kg"] = sum.Compost?.Part, ["compost_total_kg"] = sum.Compost?.Whole,
        };
        var defined = new[] { sum.EnergyRatio, sum.WaterRatio, sum.CompostRatio }.Where(v => v is not null).ToList();
        string filled = $"energy = {Number(sum.Energy?.Part)} / {Number(sum.Energy?.Whole)} = {Number(sum.EnergyRatio)}; " +
            $"water = {Number(sum.Water?.Part)} / {Number(sum.Water?.Whole)} = {Number(sum.WaterRatio)}; " +
            $"compost = {Number(sum.Compost?.Part)} / {Number(sum.Compost?.Whole)} = {Number(sum.CompostRatio)}; " +
            $"index = ({string.Join(" + ", defined.Select(Number))}) / {defined.Count} = {Number(sum.Index)}";
        return new Explanation(ExplainFigures.VitalNeeds, AutonomyScope.Neighbourhood, null, null, query.FromUtc, query.ToUtc,
            ExplainFigures.Definition(ExplainFigures.VitalNeeds), ExplainFigures.Formula(ExplainFigures.VitalNeeds),
            ["energy", "water", "compost", "index", "energy_local_kwh", "energy_consumption_kwh", "water_rain_l", "water_total_l",
             "compost_diverted_kg", "compost_total_kg"], rows, sums, sum.Index, filled, "");
    }
}
