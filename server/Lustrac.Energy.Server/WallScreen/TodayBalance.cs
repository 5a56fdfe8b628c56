using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// Today's self-sufficiency for the wall screen, estimated from live power: energy is integrated per canonical
/// interval (site <c>interval_minutes</c>), the shared arrays are allocated pro rata of consumption in each
/// interval (default dynamic key), and the day's ratio is Σ self-consumed / Σ consumption — never an average
/// of ratios, never a ratio of day totals (DOMAIN.md). The autonomy engine's counter-based figures are the
/// reference: the screen takes them for the intervals the engine has closed (<see cref="TodayFigure"/>) and this
/// estimate only for the still-open part of the day, or for the whole day before any interval is closed.
/// </summary>
public sealed class TodayBalance(SiteModel site)
{
    /// <summary>Longer gaps between two power readings are treated as missing, not as a constant draw.</summary>
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(5);

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(site.Site.TimeZone);
    private readonly TimeSpan _interval = TimeSpan.FromMinutes(site.Site.IntervalMinutes);
    private readonly Dictionary<string, (DateTimeOffset Time, double Watts)> _lastPower = new(StringComparer.Ordinal);
    private readonly SortedDictionary<DateTimeOffset, IntervalEnergy> _intervals = new();
    private readonly Lock _gate = new();

    private sealed class IntervalEnergy
    {
        public double SharedProductionWh;
        public readonly Dictionary<string, double> MeterNetWh = new(StringComparer.Ordinal);
        public readonly Dictionary<string, double> OwnPvWh = new(StringComparer.Ordinal);
    }

    public void Add(StoredReading reading)
    {
        if (reading.Quantity != "active_power" || reading.Quality == Protocol.Messages.ReadingQuality.Bad) return;
        if (reading.Role is not (Roles.HouseholdMeter or Roles.HouseholdPv or Roles.PvProduction)) return;
        lock (_gate)
        {
            if (_lastPower.TryGetValue(reading.Device, out var last) && reading.Time > last.Time && reading.Time - last.Time <= MaxHold)
            {
                // The previous reading's power held until this one; booked in the interval where it was read.
                var wh = last.Watts * (reading.Time - last.Time).TotalHours;
                var bucket = BucketOf(last.Time);
                switch (reading.Role)
                {
                    case Roles.PvProduction: bucket.SharedProductionWh += Math.Max(0, wh); break;
                    case Roles.HouseholdPv: bucket.OwnPvWh[reading.Household!] = bucket.OwnPvWh.GetValueOrDefault(reading.Household!) + Math.Max(0, wh); break;
                    default: bucket.MeterNetWh[reading.Household!] = bucket.MeterNetWh.GetValueOrDefault(reading.Household!) + wh; break;
                }
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
        var first = from is { } f && f > dayStart ? f : dayStart;
        double selfConsumed = 0, consumption = 0;
        var households = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var old in _intervals.Keys.Where(k => k < dayStart.AddDays(-1)).ToList()) _intervals.Remove(old);
            foreach (var (start, e) in _intervals)
            {
                if (start < first) continue;
                var load = e.MeterNetWh.Keys.Union(e.OwnPvWh.Keys).ToDictionary(h => h,
                    h => Math.Max(0, e.MeterNetWh.GetValueOrDefault(h) + e.OwnPvWh.GetValueOrDefault(h)));
                var ownUse = load.ToDictionary(p => p.Key, p => Math.Min(p.Value, e.OwnPvWh.GetValueOrDefault(p.Key)));
                var remaining = load.ToDictionary(p => p.Key, p => p.Value - ownUse[p.Key]);
                var remainingTotal = remaining.Values.Sum();
                foreach (var (h, l) in load)
                {
                    if (household is not null && h != household) continue;
                    households.Add(h);
                    var share = remainingTotal > 0 ? Math.Min(remaining[h], e.SharedProductionWh * remaining[h] / remainingTotal) : 0;
                    selfConsumed += ownUse[h] + share;
                    consumption += l;
                }
            }
        }
        return new LiveDay(selfConsumed / 1000, consumption / 1000, households.Count);
    }

    public DateTimeOffset DayStart(DateTimeOffset now) => LocalDayStart(now);

    private IntervalEnergy BucketOf(DateTimeOffset time)
    {
        var start = new DateTimeOffset(time.UtcTicks - time.UtcTicks % _interval.Ticks, TimeSpan.Zero);
        if (!_intervals.TryGetValue(start, out var bucket)) _intervals[start] = bucket = new IntervalEnergy();
        return bucket;
    }

    private DateTimeOffset LocalDayStart(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, _zone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, _zone.GetUtcOffset(midnight));
    }
}

/// <summary>Energy estimated from live power over part of a day (kWh), and the households it covers.</summary>
public sealed record LiveDay(double SelfConsumedKwh, double ConsumptionKwh, int Households);
