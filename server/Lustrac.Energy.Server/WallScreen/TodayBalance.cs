using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// Today's energy for the wall screen, estimated from live power where the engine has not closed the intervals yet:
/// power is integrated per device and canonical interval, and each interval goes through the autonomy engine with the
/// site's allocation key (<see cref="LiveEngine"/>), so the estimate splits shared production exactly as the closed
/// intervals of <c>/api/autonomy</c> do. The engine's counter-based sums remain the reference for every interval it
/// has closed (<see cref="TodayFigures"/>).
/// </summary>
public sealed class TodayBalance(SitePlan plan)
{
    /// <summary>Longer gaps between two power readings are treated as missing, not as a constant draw.</summary>
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(5);

    private readonly TimeSpan _interval = plan.IntervalLength;
    private readonly HashSet<string> _devices = plan.Households
        .SelectMany(h => h.Meters.Concat(h.OwnPv).Concat(h.Batteries)).Concat(plan.SharedProduction).ToHashSet(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Time, double Watts)> _lastPower = new(StringComparer.Ordinal);
    /// <summary>Per interval start (UTC ticks): each device's energy in Wh, by direction.</summary>
    private readonly SortedDictionary<long, Dictionary<string, DeviceFlow>> _intervals = new();
    private readonly Lock _gate = new();

    public void Add(StoredReading reading)
    {
        if (reading.Quantity != QuantityNames.ActivePower || reading.Quality == Protocol.Messages.ReadingQuality.Bad || !_devices.Contains(reading.Device)) return;
        lock (_gate)
        {
            if (_lastPower.TryGetValue(reading.Device, out var last) && reading.Time > last.Time && reading.Time - last.Time <= MaxHold)
            {
                // The previous reading's power held until this one; booked in the interval where it was read.
                var flow = DeviceFlow.Of(last.Watts * (reading.Time - last.Time).TotalHours);
                var bucket = BucketOf(last.Time);
                bucket[reading.Device] = bucket.GetValueOrDefault(reading.Device) + flow;
            }
            if (!_lastPower.TryGetValue(reading.Device, out last) || reading.Time > last.Time)
                _lastPower[reading.Device] = (reading.Time, reading.Value);
        }
    }

    /// <summary>Today's estimated energy of one household (or of the neighbourhood when null), from the intervals starting
    /// at or after <paramref name="from"/> (the engine covers those before), and how many households it covers.</summary>
    public LiveDay Today(string? household, DateTimeOffset now, DateTimeOffset? from = null)
    {
        var dayStart = LocalDayStart(now);
        var first = (from is { } f && f > dayStart ? f : dayStart).UtcTicks;
        var buckets = new List<(long Start, Dictionary<string, DeviceFlow> Flows)>();
        lock (_gate)
        {
            foreach (var old in _intervals.Keys.Where(k => k < dayStart.AddDays(-1).UtcTicks).ToList()) _intervals.Remove(old);
            foreach (var (start, flows) in _intervals)
                if (start >= first) buckets.Add((start, new Dictionary<string, DeviceFlow>(flows, StringComparer.Ordinal)));
        }
        if (buckets.Count == 0) return LiveDay.None;

        long length = _interval.Ticks;
        var grid = new IntervalGrid(new DateTime(buckets[0].Start, DateTimeKind.Utc), (int)((buckets[^1].Start - buckets[0].Start) / length) + 1, plan.IntervalMinutes);
        var byIndex = buckets.ToDictionary(b => (int)((b.Start - buckets[0].Start) / length), b => b.Flows);
        var result = LiveEngine.Run(plan, grid, (k, device) =>
            byIndex.TryGetValue(k, out var flows) && flows.TryGetValue(device, out var wh) ? new DeviceFlow(wh.Forward / 1000, wh.Reverse / 1000) : null);

        int index = household is null ? -1 : Array.IndexOf(result.HouseholdIds.ToArray(), household);
        if (household is not null && index < 0) return LiveDay.None;
        var records = index < 0 ? result.Neighbourhood : result.Households[index];
        var known = records.Where(r => r.Quality != IntervalQuality.Missing).ToList();
        if (known.Count == 0) return LiveDay.None;
        var sum = known.Aggregate(default(EnergyParts), (a, r) => a + r.Parts);
        // A known neighbourhood interval needs every household known.
        return new LiveDay(sum, index < 0 ? plan.Households.Count : 1);
    }

    public DateTimeOffset DayStart(DateTimeOffset now) => LocalDayStart(now);

    private Dictionary<string, DeviceFlow> BucketOf(DateTimeOffset time)
    {
        var start = time.UtcTicks - time.UtcTicks % _interval.Ticks;
        if (!_intervals.TryGetValue(start, out var bucket)) _intervals[start] = bucket = new(StringComparer.Ordinal);
        return bucket;
    }

    private DateTimeOffset LocalDayStart(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, plan.Zone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, plan.Zone.GetUtcOffset(midnight));
    }
}

/// <summary>Energy estimated from live power over part of a day (kWh, the engine's parts), and the households it covers.</summary>
public sealed record LiveDay(EnergyParts Parts, int Households)
{
    public static LiveDay None { get; } = new(default, 0);
}
