using Lustrac.Energy.Autonomy.Settlement;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Settlement;

/// <summary>
/// The settlement's inputs from the engine's stored interval rows (the rows /api/autonomy serves), never from raw
/// readings: a participant's consumption is its grid import (what its Linky counts), the production is the shared
/// arrays' (neighbourhood production − the households' own PV). A step sums its intervals; one Missing interval leaves
/// the step unsettled.
/// </summary>
public static class SettlementInputs
{
    public static async Task<IReadOnlyList<SettlementStep>> SettleAsync(IAutonomyStore store, SettlementSetup setup, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var grid = setup.Grid;
        var neighbourhood = await store.ReadEnergyAsync(null, fromUtc, toUtc, ct);
        var production = grid.Sum(neighbourhood.Select(r => (r.StartUtc, r.IsDefined ? r.Parts.Production - r.OwnProduction : (double?)null)));
        var consumption = new List<Dictionary<DateTime, double?>>();
        foreach (var h in setup.Participants)
        {
            var rows = await store.ReadEnergyAsync(h, fromUtc, toUtc, ct);
            consumption.Add(grid.Sum(rows.Select(r => (r.StartUtc, r.IsDefined ? r.Parts.Import : (double?)null))));
        }
        var inputs = grid.Steps(fromUtc, toUtc)
            .Where(t => production.ContainsKey(t) || consumption.Any(c => c.ContainsKey(t)))
            .Select(t => new SettlementInput(t, production.GetValueOrDefault(t), [.. consumption.Select(c => c.GetValueOrDefault(t))]))
            .ToList();
        return AccSettlement.Settle(inputs, setup.Key, setup.Participants.Count);
    }
}
