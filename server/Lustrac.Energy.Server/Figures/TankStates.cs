using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

/// <summary>
/// Tank volume at each interval end (last reading in the interval; depth turned into litres by the tank's geometry),
/// water harvested in the interval, expected harvest from the rain gauge, and days left at the draw of the last day
/// (<see cref="TankHistory"/>, which the wall screen reads too). Intervals without a reading get no row.
/// </summary>
public static class TankStates
{
    public static List<TankStateRow> Compute(SitePlan plan, SiteReadings readings, CounterCache counters, IntervalGrid grid)
    {
        var rows = new List<TankStateRow>();
        var rainfall = plan.RainGauges.Length > 0 ? MeanRainfall(plan.RainGauges.Select(g => counters.Of(QuantityNames.Rainfall, g)).ToArray(), grid.Count) : null;
        foreach (var tank in plan.Tanks)
        {
            var history = History(tank, readings);
            if (history.Count == 0) continue;
            for (int k = 0; k < grid.Count; k++)
            {
                long start = grid.BoundaryUtc(k).Ticks, end = start + grid.Length.Ticks;
                if (history.LastBefore(end) is not { } last || last.UtcTicks < start) continue;
                double? expected = rainfall?[k] is double mm && tank.Asset.RoofAreaM2 is double roof
                    ? RainHarvest.ExpectedLitres(roof, mm) : null;
                rows.Add(new TankStateRow(grid.BoundaryUtc(k), tank.Id, last.Litres,
                    history.DaysLeft(end, SiteReadingLoader.TankDrawWindow).Days, history.Harvested(start, end), expected));
            }
        }
        return rows;
    }

    /// <summary>Volume readings of the tank: a volume sensor if it has one, else the first depth sensor through the geometry.</summary>
    private static TankHistory History(TankPlan tank, SiteReadings readings)
    {
        foreach (var d in tank.VolumeDevices)
        {
            var v = readings.Of(QuantityNames.TankVolume, d);
            if (v.Count > 0) return new(v.Select(p => SiteReadings.ToUtc(p.TimeMs).Ticks).ToArray(), v.Select(p => p.Value).ToArray());
        }
        foreach (var d in tank.LevelDevices)
        {
            var v = readings.Of(QuantityNames.TankLevel, d);
            if (v.Count > 0) return new(v.Select(p => SiteReadings.ToUtc(p.TimeMs).Ticks).ToArray(), v.Select(p => tank.Geometry.VolumeLitres(p.Value)).ToArray());
        }
        return new([], []);
    }

    /// <summary>Mean of the gauges that reported in each interval; null where none did.</summary>
    private static double?[] MeanRainfall(IntervalValue[][] gauges, int count)
    {
        var mean = new double?[count];
        for (int k = 0; k < count; k++)
        {
            var values = gauges.Where(g => g[k].HasValue).Select(g => g[k].Value!.Value).ToArray();
            mean[k] = values.Length > 0 ? values.Average() : null;
        }
        return mean;
    }
}
