using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// A rainwater tank with fewer than <see cref="AlertSettings.TankDaysLeft"/> days of water at the last day's draw, from
/// the newest <c>tank_state</c> row of the last day (the figure /api/water serves). For residents: no household data.
/// </summary>
public sealed class TankRule(SitePlan plan, IAutonomyStore store, AlertSettings settings) : IAlertRule, IReadsStoredFigures
{
    public async Task<IReadOnlyList<AlertCondition>> EvaluateAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (plan.Tanks.Count == 0) return [];
        var rows = await store.ReadTanksAsync(now.UtcDateTime.AddDays(-1), now.UtcDateTime, ct).ConfigureAwait(false);
        var found = new List<AlertCondition>();
        foreach (var tank in plan.Tanks)
        {
            var latest = rows.Where(r => r.Asset == tank.Id).MaxBy(r => r.StartUtc);
            if (latest?.DaysLeft is not { } days || days >= settings.TankDaysLeft) continue;
            found.Add(new AlertCondition($"{AlertKinds.TankLow}:{tank.Id}", AlertKinds.TankLow, tank.Id, AlertAudience.Residents,
                $"Rainwater tank {tank.Id} has about {days:F1} days of water left ({latest.VolumeL:F0} L at the last day's use). " +
                "Save rainwater (garden, washing) or plan to switch to mains water."));
        }
        return found;
    }
}
