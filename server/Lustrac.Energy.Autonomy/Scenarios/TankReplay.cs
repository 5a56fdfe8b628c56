using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;

namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>The water side of a scenario: what households drew from rain and mains, and the tanks' volume.</summary>
public sealed record WaterScenario(WaterResult Water, double?[] TankVolumeL, IReadOnlyList<DateTime> DryDaysUtc);

/// <summary>
/// The rain tanks replayed with more capacity and roof: all tanks as one store of capacity (existing + extra), fed by
/// (existing + extra roof) × measured rainfall × runoff coefficient (an unknown gauge reading counts as no rain),
/// overflowing when full. Each interval it serves what households drew from rain plus the share of their mains water
/// that rain may serve, as far as it holds; the rest comes from the mains. Served rain is split between homes pro rata
/// of what they asked. The store starts at the measured fill fraction of the first interval with a reading.
/// A day counts as dry when the stored volume was at most <see cref="DryLitres"/> at the end of one of its intervals.
/// </summary>
public static class TankReplay
{
    public const double DryLitres = 1;

    /// <summary>What happened: the measured meters, volumes and dry days.</summary>
    public static WaterScenario Actual(IntervalGrid grid, TimeZoneInfo zone, WaterHistory w) =>
        new(WaterEngine.Compute(grid, w.Households), w.TankVolumeL, DryDays(grid, zone, w.TankVolumeL));

    public static WaterScenario Replay(IntervalGrid grid, TimeZoneInfo zone, WaterHistory w, TankChange t)
    {
        double capacity = w.TankCapacityL + t.ExtraCapacityL, roof = w.RoofAreaM2 + t.ExtraRoofAreaM2;
        int n = w.Households.Count;
        var first = w.TankVolumeL.FirstOrDefault(v => v.HasValue);
        double stored = w.TankCapacityL > 0 && first is double v0 ? v0 / w.TankCapacityL * capacity : 0;
        var rain = w.Households.Select(h => new IntervalValue[grid.Count]).ToArray();
        var mains = w.Households.Select(h => new IntervalValue[grid.Count]).ToArray();
        var volume = new double?[grid.Count];
        var asked = new double[n];
        for (int k = 0; k < grid.Count; k++)
        {
            stored = Math.Min(capacity, stored + RainHarvest.ExpectedLitres(roof, w.RainfallMm[k] ?? 0, t.RunoffCoefficient));
            double total = 0;
            for (int h = 0; h < n; h++)
            {
                var m = w.Households[h];
                var r = m.Rain?[k] ?? IntervalValue.Measured(0);
                asked[h] = r.Value is double rv && m.Mains[k].Value is double mv ? rv + t.MainsShareForRainUses * mv : -1;
                if (asked[h] > 0) total += asked[h];
            }
            double served = Math.Min(stored, total);
            stored -= served;
            volume[k] = stored;
            for (int h = 0; h < n; h++)
            {
                var m = w.Households[h];
                var r = m.Rain?[k] ?? IntervalValue.Measured(0);
                if (asked[h] < 0) { rain[h][k] = r; mains[h][k] = m.Mains[k]; continue; }
                double got = total > 0 ? served * asked[h] / total : 0;
                double used = r.Value!.Value + m.Mains[k].Value!.Value;
                rain[h][k] = r with { Value = got };
                mains[h][k] = m.Mains[k] with { Value = used - got };
            }
        }
        var homes = w.Households.Select((m, h) => new HouseholdWaterMeters(m.HouseholdId, mains[h], rain[h])).ToArray();
        return new(WaterEngine.Compute(grid, homes), volume, DryDays(grid, zone, volume));
    }

    /// <summary>Local days (their start, UTC) in which the stored volume was at most <see cref="DryLitres"/> at an interval's end.</summary>
    public static IReadOnlyList<DateTime> DryDays(IntervalGrid grid, TimeZoneInfo zone, double?[] volume)
    {
        var days = LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Day, zone);
        var dry = new List<DateTime>();
        for (int d = 0; d + 1 < days.Count; d++)
        {
            int from = (int)Math.Max(0, grid.IndexOf(days[d])), to = (int)Math.Min(grid.Count, grid.IndexOf(days[d + 1]));
            for (int k = from; k < to; k++)
                if (volume[k] is double v && v <= DryLitres) { dry.Add(days[d]); break; }
        }
        return dry;
    }
}
