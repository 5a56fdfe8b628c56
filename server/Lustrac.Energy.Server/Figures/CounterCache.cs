using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Quantities;
using BalanceFeeds = Lustrac.Energy.Protocol.Site.BalanceFeeds;
using RoleFeed = Lustrac.Energy.Protocol.Site.RoleFeed;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

/// <summary>
/// Interval values of each (quantity, device) counter over one grid, computed once and reused. A grid meter's import
/// and export intervals that its counters leave Missing are estimated from its <c>active_power</c> where that covers them.
/// </summary>
public sealed class CounterCache(SiteReadings readings, IntervalGrid grid, IntervalOptions options)
{
    private readonly Dictionary<(string, string), IntervalValue[]> _cache = [];
    private readonly Dictionary<(string Quantity, string Device), IReadOnlyList<CounterEvent>> _events = [];

    public IntervalGrid Grid => grid;

    /// <summary>The discontinuities found in each counter computed so far, by (quantity, device).</summary>
    public IReadOnlyDictionary<(string Quantity, string Device), IReadOnlyList<CounterEvent>> Events => _events;

    public IntervalValue[] Of(string quantity, string device)
    {
        if (_cache.TryGetValue((quantity, device), out var v)) return v;
        var samples = SiteReadings.AsCounterSamples(readings.Of(quantity, device));
        var series = CounterIntervals.Compute(device, samples, grid, options);
        if (series.Events.Count > 0) _events[(quantity, device)] = series.Events;
        var values = series.Intervals;
        if (quantity is QuantityNames.EnergyImport or QuantityNames.EnergyExport && values.Any(v => v.Quality == IntervalQuality.Missing))
        {
            var power = Power(device);
            values = PowerEstimate.Fill(values, power, quantity == QuantityNames.EnergyImport ? e => e.Import : e => e.Export);
        }
        return _cache[(quantity, device)] = values;
    }

    private readonly Dictionary<string, PowerEnergy?[]> _power = new(StringComparer.Ordinal);

    private PowerEnergy?[] Power(string device)
    {
        if (_power.TryGetValue(device, out var p)) return p;
        var samples = SiteReadings.AsPowerSamples(readings.Of(SiteReadingLoader.PowerQuantity, device));
        return _power[device] = PowerEstimate.Compute(samples, grid, options.MaxPowerReadingGap ?? PowerEstimate.DefaultMaxReadingGap);
    }

    /// <summary>Several devices of one role: summed per interval, worst quality, unknown if any is unknown.</summary>
    public IntervalValue[] Sum(string quantity, IReadOnlyList<string> devices)
    {
        if (devices.Count == 1) return Of(quantity, devices[0]);
        var sum = new IntervalValue[grid.Count];
        for (int k = 0; k < grid.Count; k++)
        {
            double total = 0;
            var worst = IntervalQuality.Measured;
            foreach (var d in devices)
            {
                var v = Of(quantity, d)[k];
                if (v.Quality > worst) worst = v.Quality;
                total += v.Value ?? 0;
            }
            sum[k] = worst == IntervalQuality.Missing ? IntervalValue.Missing : new IntervalValue(total, worst);
        }
        return sum;
    }
}
