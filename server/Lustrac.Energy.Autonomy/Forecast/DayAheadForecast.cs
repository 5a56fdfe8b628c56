using Lustrac.Energy.Autonomy.Allocation;

namespace Lustrac.Energy.Autonomy.Forecast;

/// <summary>
/// Tomorrow's expected autonomy, pure. For each interval from the one containing "now" to the end of tomorrow (local):
/// <list type="bullet">
/// <item>each array: clear-sky kWh per kWp × kWp × its group's measured performance ratio (<see cref="PerformanceRatio"/>);
/// with a cloud forecast for the interval, × the clearest recent day's ratio × the cloud attenuation instead (the average
/// ratio already holds the recent days' average clouds); the band scales the same way by (ratio ± σ) / ratio;</item>
/// <item>consumption: <see cref="ConsumptionProfile"/> of each household and of the neighbourhood;</item>
/// <item>netting per interval as the engine does: neighbourhood locally supplied = min(production, consumption); a
/// household gets its own arrays first, then its share of the shared production under the site's key, capped at its
/// remaining demand (<see cref="SharedProductionAllocator"/>). No battery is forecast.</item>
/// </list>
/// </summary>
public static class DayAheadForecast
{
    public static ForecastResult Compute(ForecastRequest request)
    {
        var options = request.Settings;
        var length = request.IntervalLength;
        var zone = request.Zone;
        if (request.IntervalMinutes <= 0 || 60 % request.IntervalMinutes != 0)
            throw new ArgumentException($"interval_minutes must divide 60; got {request.IntervalMinutes}", nameof(request));
        var now = DateTime.SpecifyKind(request.NowUtc, DateTimeKind.Utc);
        var from = new DateTime(now.Ticks - now.Ticks % length.Ticks, DateTimeKind.Utc);
        var to = Rollups.LocalCalendar.StartUtc(LocalDay.Of(now, zone).AddDays(2), zone);
        var starts = new List<DateTime>();
        for (var t = from; t < to; t += length) starts.Add(t);

        var groups = request.Arrays.GroupBy(a => a.Household ?? ForecastRequest.SharedGroup).ToDictionary(g => g.Key, g => g.ToArray());
        var ratios = groups.ToDictionary(g => g.Key, g => PerformanceRatio.Measure(
            request.MeasuredProduction.GetValueOrDefault(g.Key) ?? [], g.Value, now, zone, length, options));

        var factors = starts.Select(s => request.Clouds?.FactorAt(s, length)).ToArray();
        int cloudIntervals = factors.Count(f => f is not null);
        var arrays = request.Arrays.Select(a => ArrayOf(a, ratios[a.Household ?? ForecastRequest.SharedGroup], starts, factors, length)).ToArray();

        var householdProfiles = request.Households.Select(h => new ConsumptionProfile(
            request.HouseholdConsumption.GetValueOrDefault(h) ?? [], now, zone, options)).ToArray();
        var neighbourhoodProfile = new ConsumptionProfile(request.NeighbourhoodConsumption, now, zone, options);

        var shared = arrays.Where(a => a.Household is null).ToArray();
        var neighbourhood = new List<ForecastInterval>(starts.Count);
        var households = request.Households.Select(_ => new List<ForecastInterval>(starts.Count)).ToArray();
        var demand = new double?[request.Households.Count];
        var allocation = new double?[request.Households.Count];
        for (int i = 0; i < starts.Count; i++)
        {
            double p = arrays.Sum(a => a.Kwh[i]), pLow = arrays.Sum(a => a.LowKwh[i]), pHigh = arrays.Sum(a => a.HighKwh[i]);
            double c = neighbourhoodProfile.At(starts[i]).Kwh;
            neighbourhood.Add(new(starts[i], p, pLow, pHigh, c, Math.Min(p, c)));

            double sharedP = shared.Sum(a => a.Kwh[i]), sharedLow = shared.Sum(a => a.LowKwh[i]), sharedHigh = shared.Sum(a => a.HighKwh[i]);
            var own = new (double P, double Low, double High)[request.Households.Count];
            var cons = new double[request.Households.Count];
            for (int h = 0; h < own.Length; h++)
            {
                var mine = arrays.Where(a => a.Household == request.Households[h]).ToArray();
                own[h] = (mine.Sum(a => a.Kwh[i]), mine.Sum(a => a.LowKwh[i]), mine.Sum(a => a.HighKwh[i]));
                cons[h] = householdProfiles[h].At(starts[i]).Kwh;
                demand[h] = Math.Max(0, cons[h] - own[h].P);
            }
            SharedProductionAllocator.Allocate(sharedP, demand, request.Allocation, allocation);
            for (int h = 0; h < own.Length; h++)
            {
                double share = allocation[h] ?? 0;
                // The band's share: the same fraction of the shared band as of the central shared production.
                double fraction = sharedP > 0 ? share / sharedP : 0;
                households[h].Add(new(starts[i], own[h].P + share, own[h].Low + fraction * sharedLow, own[h].High + fraction * sharedHigh,
                    cons[h], Math.Min(cons[h], own[h].P) + share));
            }
        }
        var windows = GoodWindows.Find(neighbourhood, length, zone, options);
        return new ForecastResult(now, from, to, request.IntervalMinutes, ratios, arrays,
            new ScopeForecast(null, neighbourhood, ForecastDay.Of(neighbourhood, length, zone)),
            [.. request.Households.Select((h, k) => new ScopeForecast(h, households[k], ForecastDay.Of(households[k], length, zone)))],
            windows, cloudIntervals);
    }

    private static ArrayForecast ArrayOf(ForecastArray a, PerformanceRatio ratio, List<DateTime> starts, double?[] factors, TimeSpan length)
    {
        var kwh = new double[starts.Count];
        var low = new double[starts.Count];
        var high = new double[starts.Count];
        for (int i = 0; i < starts.Count; i++)
        {
            double clear = a.PeakKw * a.ClearSkyKwhPerKwp(starts[i], length);
            double r = factors[i] is double f ? ratio.Clearest * f : ratio.Ratio;
            double relativeSpread = ratio.Ratio > 0 ? ratio.Spread / ratio.Ratio : 0;
            kwh[i] = clear * r;
            low[i] = clear * r * Math.Max(0, 1 - relativeSpread);
            high[i] = clear * r * (1 + relativeSpread);
        }
        return new ArrayForecast(a.Id, a.Household, a.PeakKw, kwh, low, high);
    }
}
