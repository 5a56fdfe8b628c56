using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using static Lustrac.Energy.Server.Explain.EnergyExplanation;

namespace Lustrac.Energy.Server.Explain;

/// <summary>Water autonomy and a tank's days left, from the stored <c>water_interval</c> and <c>tank_state</c> rows (those /api/water serves).</summary>
public static class WaterExplanation
{
    public static async Task<Explanation> AutonomyAsync(IAutonomyStore store, SitePlan plan, RequestedScope scope, AutonomyQuery query, CancellationToken ct)
    {
        var stored = await store.ReadWaterAsync(scope.Household, query.FromUtc, query.ToUtc, ct);
        var rows = stored.Select(r => new ExplainRow(r.StartUtc, WireNames.Of(r.Quality),
            r.IsDefined ? [r.Parts.Rain, r.Parts.Mains] : [null, null])).ToList();
        // The same roll-up /api/water makes of the same rows.
        var total = Rollup.Range<WaterParts>(stored.Select(r => r.ToRecord()).ToArray(), query.FromUtc, query.ToUtc, plan.IntervalLength);
        bool any = total.Present > 0;
        double? rain = any ? total.Sum.Rain : null, mains = any ? total.Sum.Mains : null, value = any ? total.Sum.Autonomy : null;
        var sums = new Dictionary<string, double?>(StringComparer.Ordinal) { ["rain_l"] = rain, ["mains_l"] = mains };
        return new Explanation(ExplainFigures.WaterAutonomy, scope.Name, scope.Household, null, query.FromUtc, query.ToUtc,
            ExplainFigures.Definition(ExplainFigures.WaterAutonomy), ExplainFigures.Formula(ExplainFigures.WaterAutonomy),
            ["rain_l", "mains_l"], rows, sums, value,
            $"WA = {Number(rain)} / ({Number(rain)} + {Number(mains)}) = {Number(value)}", "L");
    }

    /// <summary>
    /// The tank's rows of the range; the figure is the latest row's (as /api/water reports it). The engine stores the
    /// volume and the days left; the daily draw it divided by is shown as volume / days left.
    /// </summary>
    public static async Task<Explanation> DaysLeftAsync(IAutonomyStore store, TankPlan tank, AutonomyQuery query, CancellationToken ct)
    {
        var stored = (await store.ReadTanksAsync(query.FromUtc, query.ToUtc, ct)).Where(r => r.Asset == tank.Id).ToList();
        static double? Drawn(TankStateRow r) => r.DaysLeft is double d && d > 0 ? r.VolumeL / d : null;
        var rows = stored.Select(r => new ExplainRow(r.StartUtc, "", [r.VolumeL, r.DaysLeft, Drawn(r), r.HarvestedL, r.ExpectedL])).ToList();
        var latest = stored.LastOrDefault();
        var sums = new Dictionary<string, double?>(StringComparer.Ordinal)
        {
            ["volume_l"] = latest?.VolumeL,
            ["days_left"] = latest?.DaysLeft,
            ["drawn_l_per_day"] = latest is null ? null : Drawn(latest),
            ["harvested_l"] = stored.Count > 0 ? stored.Sum(r => r.HarvestedL) : null,
            ["expected_l"] = stored.Any(r => r.ExpectedL is not null) ? stored.Sum(r => r.ExpectedL ?? 0) : null,
        };
        string filled = latest is null ? "days left = —"
            : latest.DaysLeft is null ? $"days left = {Number(latest.VolumeL)} L / 0 L per day: nothing drawn over the last 24 h, no figure"
            : $"days left = {Number(latest.VolumeL)} / {Number(sums["drawn_l_per_day"])} = {Number(latest.DaysLeft)}";
        return new Explanation(ExplainFigures.TankDaysLeft, AutonomyScope.Neighbourhood, null, tank.Id, query.FromUtc, query.ToUtc,
            ExplainFigures.Definition(ExplainFigures.TankDaysLeft), ExplainFigures.Formula(ExplainFigures.TankDaysLeft),
            ["volume_l", "days_left", "drawn_l_per_day", "harvested_l", "expected_l"], rows, sums, latest?.DaysLeft, filled, "L");
    }
}
