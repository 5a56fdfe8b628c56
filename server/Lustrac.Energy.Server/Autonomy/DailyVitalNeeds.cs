using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Targets;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Autonomy;

/// <summary>
/// One local day's vital-needs components: energy self-sufficiency and water autonomy from the day's stored
/// neighbourhood intervals (summed parts, never averaged ratios), compost diversion from the scales' mass counters.
/// </summary>
public static class DailyVitalNeeds
{
    public static async Task<VitalNeedsRow> ComputeAsync(SitePlan plan, IReadingStore readings, IAutonomyStore results, DateTime dayStart, DateTime dayEnd, CancellationToken ct)
    {
        var energy = await results.ReadEnergyAsync(null, dayStart, dayEnd, ct).ConfigureAwait(false);
        var water = await results.ReadWaterAsync(null, dayStart, dayEnd, ct).ConfigureAwait(false);
        var e = Rollup.Range<EnergyParts>(energy.Select(r => r.ToRecord()).ToArray(), dayStart, dayEnd, plan.IntervalLength);
        var w = Rollup.Range<WaterParts>(water.Select(r => r.ToRecord()).ToArray(), dayStart, dayEnd, plan.IntervalLength);
        double? compost = await DiversionAsync(plan, readings, dayStart, dayEnd, ct).ConfigureAwait(false);
        double? ss = e.Present > 0 ? e.Sum.SelfSufficiency : null;
        double? wa = w.Present > 0 ? w.Sum.Autonomy : null;
        return new VitalNeedsRow(dayStart, ss, wa, compost, VitalNeeds.Index(ss, wa, compost), plan.Targets.VitalNeeds);
    }

    /// <summary>Diverted kg / (diverted + residual) kg over the day; null without a residual scale or when nothing was weighed.</summary>
    private static async Task<double?> DiversionAsync(SitePlan plan, IReadingStore readings, DateTime dayStart, DateTime dayEnd, CancellationToken ct)
    {
        if (plan.DivertedScales.Length == 0 || plan.ResidualScales.Length == 0) return null;
        var margin = SiteReadingLoader.CounterMargin(plan);
        var mass = await readings.ReadQuantityAsync("mass", dayStart - margin, dayEnd + margin, ct).ConfigureAwait(false);
        var grid = IntervalGrid.Covering(dayStart, dayEnd, plan.IntervalMinutes);
        double Kg(string device)
        {
            if (!mass.TryGetValue(device, out var points)) return 0;
            return CounterIntervals.Compute(device, SiteReadings.AsCounterSamples(points), grid).Intervals.Sum(v => v.Value ?? 0);
        }
        var weighIns = plan.DivertedScales.Select(d => new Lustrac.Energy.Autonomy.Compost.WeighIn(dayStart, Kg(d), true))
            .Concat(plan.ResidualScales.Select(d => new Lustrac.Energy.Autonomy.Compost.WeighIn(dayStart, Kg(d), false)));
        return Lustrac.Energy.Autonomy.Compost.Diversion.Ratio(weighIns);
    }
}
