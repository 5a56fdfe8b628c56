using Lustrac.Energy.Autonomy.Settlement;
using Lustrac.Energy.Autonomy.Settlement.Reconciliation;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Settlement;

/// <summary>Settles the months an operator file covers (from the stored interval rows) and compares them with it.</summary>
public static class OperatorMonths
{
    public static async Task<IReadOnlyList<ReconciliationMonth>> SettleAsync(IAutonomyStore store, SettlementSetup setup, IReadOnlyList<OperatorRecord> records, CancellationToken ct)
    {
        var months = records.Select(r => r.Month ?? LocalMonth(r.StartUtc, setup.Zone)).Distinct().Order().ToList();
        var steps = new List<SettlementStep>();
        foreach (var (year, month) in months)
        {
            var first = new DateOnly(year, month, 1);
            steps.AddRange(await SettlementInputs.SettleAsync(store, setup,
                MonthlyStatement.LocalMidnightUtc(first, setup.Zone), MonthlyStatement.LocalMidnightUtc(first.AddMonths(1), setup.Zone), ct));
        }
        return Reconciler.Compare(records, steps, setup.Participants, setup.Grid, setup.Zone);
    }

    private static (int, int) LocalMonth(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        return (local.Year, local.Month);
    }
}
