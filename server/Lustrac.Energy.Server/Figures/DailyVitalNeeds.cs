using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Targets;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

/// <summary>
/// One local day's vital-needs components: energy self-sufficiency and water autonomy from the day's stored
/// neighbourhood intervals (summed parts, never averaged ratios), compost diversion from the scales' mass counters.
/// </summary>
public static class DailyVitalNeeds
{
    public static async Task<VitalNeedsRow> ComputeAsync(SitePlan plan, IReadingStore readings, IAutonomyStore results, DateTime dayStart, DateTime dayEnd, CancellationToken ct)
    {
        // Three independent reads, side by side (each is a round trip to InfluxDB). Energy: the neighbourhood's
        // energy_day row, refreshed just before by IntervalCloser.
        var energy = EnergyDays.PeriodsAsync(results, plan, null, [dayStart, dayEnd], ct);
        var water = results.ReadWaterAsync(null, dayStart, dayEnd, ct);
        var diversion = DiversionAsync(plan, readings, dayStart, dayEnd, ct);
        await Task.WhenAll(energy, water, diversion).ConfigureAwait(false);
        var e = (await energy.ConfigureAwait(false))[0];
        var w = Rollup.Range<WaterParts>((await water.ConfigureAwait(false)).Select(r => r.ToRecord()).ToArray(), dayStart, dayEnd, plan.IntervalLength);
        var parts = new VitalNeedsParts(
            e.Present > 0 ? new Share(e.Sum.LocallySupplied, e.Sum.Consumption) : null,
            w.Present > 0 ? new Share(w.Sum.Rain, w.Sum.Total) : null,
            await diversion.ConfigureAwait(false));
        return new VitalNeedsRow(dayStart, parts.EnergyRatio, parts.WaterRatio, parts.CompostRatio, parts.Index, plan.Targets.VitalNeeds, parts);
    }

    /// <summary>Diverted kg of (diverted + residual) kg over the day; null without a residual scale (what was not diverted is unknown).</summary>
    private static async Task<Share?> DiversionAsync(SitePlan plan, IReadingStore readings, DateTime dayStart, DateTime dayEnd, CancellationToken ct)
    {
        if (plan.DivertedScales.Length == 0 || plan.ResidualScales.Length == 0) return null;
        var margin = SiteReadingLoader.CounterMargin(plan);
        var mass = await readings.ReadQuantityAsync(QuantityNames.Mass, dayStart - margin, dayEnd + margin, ct).ConfigureAwait(false);
        var grid = IntervalGrid.Covering(dayStart, dayEnd, plan.IntervalMinutes);
        double Kg(string device)
        {
            if (!mass.TryGetValue(device, out var points)) return 0;
            return CounterIntervals.Compute(device, SiteReadings.AsCounterSamples(points), grid).Intervals.Sum(v => v.Value ?? 0);
        }
        double diverted = plan.DivertedScales.Sum(Kg);
        return new Share(diverted, diverted + plan.ResidualScales.Sum(Kg));
    }
}
