using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

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

    public static PowerSample[] AsPowerSamples(List<ReadingPoint> points)
    {
        var samples = new PowerSample[points.Count];
        for (int i = 0; i < samples.Length; i++) samples[i] = new PowerSample(ToUtc(points[i].TimeMs), points[i].Value);
        return samples;
    }

    public static DateTime ToUtc(long ms) => new(DateTime.UnixEpoch.Ticks + ms * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}

/// <summary>Reads what a computation over a grid needs: one store query per quantity, whatever the number of devices.</summary>
public static class SiteReadingLoader
{
    /// <summary>Counters are read this far either side of the grid in one range query; a device with no reading in
    /// that margin gets its nearest reading beyond it by an index look-up (<see cref="IReadingStore.ReadNearestAsync"/>),
    /// however far away: every boundary is bracketed by the same readings whatever range is computed.</summary>
    public static TimeSpan CounterMargin(SitePlan plan) => plan.IntervalLength * 2;

    /// <summary>Signed power of a grid meter, W, import-positive.</summary>
    public const string PowerQuantity = QuantityNames.ActivePower;

    /// <summary>Days left in a tank use the draw over the last day.</summary>
    public static readonly TimeSpan TankDrawWindow = TimeSpan.FromDays(1);

    /// <summary>Counter quantities and the plan's devices whose counters the figures use (<see cref="BalanceFeeds"/>).</summary>
    public static IEnumerable<(string Quantity, string[] Devices)> Counters(SitePlan plan) => BalanceFeeds.All
        .SelectMany(feed => feed.Counters.Select(q => (Quantity: q, Devices: plan.DevicesOf(feed))))
        .GroupBy(c => c.Quantity, StringComparer.Ordinal)
        .Select(g => (g.Key, g.SelectMany(c => c.Devices).ToArray()))
        .Where(c => c.Item2.Length > 0);

    /// <summary>Gauge quantities some device of the plan gives the figures, and the balance that reads them.</summary>
    public static IEnumerable<(string Quantity, Balance Balance)> Gauges(SitePlan plan) => BalanceFeeds.All
        .Where(feed => plan.DevicesOf(feed).Length > 0)
        .SelectMany(feed => feed.Gauges.Select(q => (q, feed.Balance)))
        .Distinct();

    public static async Task<SiteReadings> LoadAsync(IReadingStore store, SitePlan plan, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var margin = CounterMargin(plan);
        DateTimeOffset cFrom = fromUtc - margin, cTo = toUtc + margin;
        var tasks = new List<Task<(string, IReadOnlyDictionary<string, List<ReadingPoint>>)>>();
        foreach (var (quantity, devices) in Counters(plan))
            tasks.Add(Task.Run(async () => (quantity, await CounterAsync(store, quantity, devices, fromUtc, toUtc, cFrom, cTo, ct).ConfigureAwait(false)), ct));

        // Gauges. Grid meters' power, for the intervals where their counters are unusable (PowerEstimate): the same margin
        // brackets the grid's edges, and a reading further away would be beyond any gap power may be integrated across.
        // Tank state needs the last day's draw; compost needs the rule's duration (plus a day) before the end.
        DateTimeOffset gFrom = fromUtc - TankDrawWindow - plan.IntervalLength, gTo = toUtc;
        foreach (var (quantity, balance) in Gauges(plan))
        {
            tasks.Add(balance switch
            {
                Balance.Energy => Read(quantity, cFrom, cTo),
                Balance.Compost => Read(quantity, toUtc - (plan.Piles.Max(p => p.Rule.Duration) + TimeSpan.FromDays(1)), toUtc),
                _ => Read(quantity, gFrom, gTo),
            });
        }
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return new SiteReadings(results.ToDictionary(r => r.Item1, r => r.Item2));

        // On the thread pool: SQLite reads synchronously, so without it the quantities would be read one after another.
        Task<(string, IReadOnlyDictionary<string, List<ReadingPoint>>)> Read(string quantity, DateTimeOffset from, DateTimeOffset to) =>
            Task.Run(async () => (quantity, await store.ReadQuantityAsync(quantity, from, to, ct).ConfigureAwait(false)), ct);
    }

    /// <summary>
    /// One counter quantity over the margin window, then, for the devices that have no reading at or before the grid's
    /// first boundary (or at or after its last) inside the window, their nearest reading beyond it. In normal operation
    /// every device has readings in the margin and no look-up is made, so closing an interval costs what it did.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, List<ReadingPoint>>> CounterAsync(IReadingStore store, string quantity, string[] devices,
        DateTime fromUtc, DateTime toUtc, DateTimeOffset cFrom, DateTimeOffset cTo, CancellationToken ct)
    {
        var window = await store.ReadQuantityAsync(quantity, cFrom, cTo, ct).ConfigureAwait(false);
        long first = new DateTimeOffset(fromUtc).ToUnixTimeMilliseconds(), last = new DateTimeOffset(toUtc).ToUnixTimeMilliseconds();
        List<ReadingPoint>? Of(string d) => window.TryGetValue(d, out var l) && l.Count > 0 ? l : null;
        var needBefore = devices.Where(d => Of(d) is not { } l || l[0].TimeMs > first).Distinct().ToArray();
        var needAfter = devices.Where(d => Of(d) is not { } l || l[^1].TimeMs < last).Distinct().ToArray();
        if (needBefore.Length == 0 && needAfter.Length == 0) return window;

        var before = needBefore.Length > 0 ? await store.ReadNearestAsync(quantity, needBefore, cFrom, ReadingSide.Before, ct).ConfigureAwait(false) : null;
        var after = needAfter.Length > 0 ? await store.ReadNearestAsync(quantity, needAfter, cTo, ReadingSide.AtOrAfter, ct).ConfigureAwait(false) : null;
        var merged = new Dictionary<string, List<ReadingPoint>>(window, StringComparer.Ordinal);
        foreach (var d in devices.Distinct())
        {
            ReadingPoint? b = before is not null && before.TryGetValue(d, out var bp) ? bp : null;
            ReadingPoint? a = after is not null && after.TryGetValue(d, out var ap) ? ap : null;
            if (b is null && a is null) continue;
            var list = new List<ReadingPoint>((Of(d)?.Count ?? 0) + 2);
            if (b is { } x) list.Add(x);
            if (Of(d) is { } inside) list.AddRange(inside);
            if (a is { } y) list.Add(y);
            merged[d] = list;
        }
        return merged;
    }
}
