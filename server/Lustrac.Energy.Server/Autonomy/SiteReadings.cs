using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Autonomy;

/// <summary>The stored readings one computation needs, by quantity then device (bad readings already left out).</summary>
public sealed class SiteReadings(IReadOnlyDictionary<string, IReadOnlyDictionary<string, List<ReadingPoint>>> byQuantity)
{
    private static readonly List<ReadingPoint> None = [];

    public List<ReadingPoint> Of(string quantity, string device) =>
        byQuantity.TryGetValue(quantity, out var devices) && devices.TryGetValue(device, out var list) ? list : None;

    public long Count => byQuantity.Values.Sum(d => d.Values.Sum(l => (long)l.Count));

    public static CounterSample[] AsCounterSamples(List<ReadingPoint> points)
    {
        var samples = new CounterSample[points.Count];
        for (int i = 0; i < samples.Length; i++)
        {
            var p = points[i];
            samples[i] = new CounterSample(ToUtc(p.TimeMs), p.Value, p.Quality == ReadingQuality.Uncertain ? SampleQuality.Uncertain : SampleQuality.Good);
        }
        return samples;
    }

    public static DateTime ToUtc(long ms) => new(DateTime.UnixEpoch.Ticks + ms * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}

/// <summary>Reads what a computation over a grid needs: one store query per quantity, whatever the number of devices.</summary>
public static class SiteReadingLoader
{
    /// <summary>Readings this far either side of the grid bracket its first and last boundaries. A longer gap there
    /// leaves the boundary Missing until later data triggers a recomputation that reaches across it.</summary>
    public static TimeSpan CounterMargin(SitePlan plan) => plan.IntervalLength * 2;

    /// <summary>Days left in a tank use the draw over the last day.</summary>
    public static readonly TimeSpan TankDrawWindow = TimeSpan.FromDays(1);

    public static async Task<SiteReadings> LoadAsync(IReadingStore store, SitePlan plan, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var margin = CounterMargin(plan);
        DateTimeOffset cFrom = fromUtc - margin, cTo = toUtc + margin;
        var counters = new (string Quantity, IEnumerable<string> Devices)[]
        {
            ("energy_import", plan.Households.SelectMany(h => h.Meters)),
            ("energy_export", plan.Households.SelectMany(h => h.Meters)),
            ("energy_produced", plan.Households.SelectMany(h => h.OwnPv).Concat(plan.SharedProduction)),
            ("energy_charged", plan.Households.SelectMany(h => h.Batteries)),
            ("energy_discharged", plan.Households.SelectMany(h => h.Batteries)),
            ("water_volume", plan.Households.SelectMany(h => h.WaterMains.Concat(h.WaterRain))),
            ("rainfall", plan.RainGauges),
            ("mass", plan.DivertedScales.Concat(plan.ResidualScales)),
        };
        var tasks = new List<Task<(string, IReadOnlyDictionary<string, List<ReadingPoint>>)>>();
        foreach (var (quantity, devices) in counters)
            if (devices.Any()) tasks.Add(Read(quantity, cFrom, cTo));

        // Gauges: tank state needs the last day's draw; compost needs the rule's duration (plus a day) before the end.
        DateTimeOffset gFrom = fromUtc - TankDrawWindow - plan.IntervalLength, gTo = toUtc;
        if (plan.Tanks.Any(t => t.LevelDevices.Length > 0)) tasks.Add(Read("tank_level", gFrom, gTo));
        if (plan.Tanks.Any(t => t.VolumeDevices.Length > 0)) tasks.Add(Read("tank_volume", gFrom, gTo));
        if (plan.Piles.Any(p => p.Probes.Length > 0))
        {
            var longest = plan.Piles.Max(p => p.Rule.Duration) + TimeSpan.FromDays(1);
            tasks.Add(Read("temperature", toUtc - longest, toUtc));
        }
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return new SiteReadings(results.ToDictionary(r => r.Item1, r => r.Item2));

        // On the thread pool: SQLite reads synchronously, so without it the quantities would be read one after another.
        Task<(string, IReadOnlyDictionary<string, List<ReadingPoint>>)> Read(string quantity, DateTimeOffset from, DateTimeOffset to) =>
            Task.Run(async () => (quantity, await store.ReadQuantityAsync(quantity, from, to, ct).ConfigureAwait(false)), ct);
    }
}
