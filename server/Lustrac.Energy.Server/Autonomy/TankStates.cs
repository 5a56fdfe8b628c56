using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Autonomy;

/// <summary>
/// Tank volume at each interval end (last reading in the interval; depth turned into litres by the tank's geometry),
/// water harvested in the interval (sum of rises between consecutive readings), expected harvest from the rain gauge,
/// and days left at the draw (sum of falls) of the last day. Intervals without a reading get no row.
/// </summary>
public static class TankStates
{
    public static List<TankStateRow> Compute(SitePlan plan, SiteReadings readings, CounterCache counters, IntervalGrid grid)
    {
        var rows = new List<TankStateRow>();
        var rainfall = plan.RainGauges.Length > 0 ? MeanRainfall(plan.RainGauges.Select(g => counters.Of("rainfall", g)).ToArray(), grid.Count) : null;
        foreach (var tank in plan.Tanks)
        {
            var (times, litres) = Volumes(tank, readings);
            if (times.Length == 0) continue;
            // Running sums of rises and falls let any interval or window be read in O(log n).
            var rises = new double[times.Length];
            var falls = new double[times.Length];
            for (int i = 1; i < times.Length; i++)
            {
                double d = litres[i] - litres[i - 1];
                rises[i] = rises[i - 1] + Math.Max(0, d);
                falls[i] = falls[i - 1] + Math.Max(0, -d);
            }
            long window = SiteReadingLoader.TankDrawWindow.Ticks;
            for (int k = 0; k < grid.Count; k++)
            {
                long start = grid.BoundaryUtc(k).Ticks, end = start + grid.Length.Ticks;
                int last = LastBefore(times, end);
                if (last < 0 || times[last] < start) continue;
                int beforeStart = LastBefore(times, start);
                double harvested = rises[last] - (beforeStart >= 0 ? rises[beforeStart] : 0);
                int windowStart = LastBefore(times, end - window);
                double drawn = falls[last] - (windowStart >= 0 ? falls[windowStart] : 0);
                double? expected = rainfall?[k] is double mm && tank.Asset.RoofAreaM2 is double roof
                    ? RainHarvest.ExpectedLitres(roof, mm) : null;
                rows.Add(new TankStateRow(grid.BoundaryUtc(k), tank.Id, litres[last],
                    RainHarvest.DaysOfAutonomy(litres[last], drawn, SiteReadingLoader.TankDrawWindow.TotalDays).Days, harvested, expected));
            }
        }
        return rows;
    }

    /// <summary>Volume readings of the tank: a volume sensor if it has one, else the first depth sensor through the geometry.</summary>
    private static (long[] Ticks, double[] Litres) Volumes(TankPlan tank, SiteReadings readings)
    {
        foreach (var d in tank.VolumeDevices)
        {
            var v = readings.Of("tank_volume", d);
            if (v.Count > 0) return (v.Select(p => SiteReadings.ToUtc(p.TimeMs).Ticks).ToArray(), v.Select(p => p.Value).ToArray());
        }
        foreach (var d in tank.LevelDevices)
        {
            var v = readings.Of("tank_level", d);
            if (v.Count > 0) return (v.Select(p => SiteReadings.ToUtc(p.TimeMs).Ticks).ToArray(), v.Select(p => Litres(tank.Asset, p.Value)).ToArray());
        }
        return ([], []);
    }

    public static double Litres(Asset tank, double depthM) => tank.Shape switch
    {
        TankShape.HorizontalCylinder => TankGeometry.HorizontalCylinderLitres(tank.DiameterM ?? 0, tank.LengthM ?? 0, depthM),
        TankShape.Rectangular => TankGeometry.RectangularLitres(tank.LengthM ?? 0, tank.WidthM ?? 0, tank.HeightM ?? double.MaxValue, depthM),
        _ => TankGeometry.VerticalCylinderLitres(tank.DiameterM ?? 0, Math.Min(depthM, tank.HeightM ?? double.MaxValue)),
    };

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

    private static int LastBefore(long[] ticks, long limit)
    {
        int i = Array.BinarySearch(ticks, limit);
        return (i >= 0 ? i : ~i) - 1;
    }
}
