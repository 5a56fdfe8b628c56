using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// Rainwater tanks for the screen, from the engine's code: the same readings as <c>tank_state</c> (a volume sensor, else
/// a depth sensor through the site model's geometry), capacity from that geometry, and days left by
/// <see cref="TankHistory"/> over the same window, evaluated at the latest reading instead of at an interval's end.
/// </summary>
public sealed class TankWatch(SitePlan plan)
{
    private readonly Dictionary<string, List<(long Ticks, double Litres)>> _history = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public sealed record TankView(string Asset, string Name, double? VolumeL, double? CapacityL, double? Fill, double? DaysLeft);

    public void Add(StoredReading reading)
    {
        if (reading.Quality == Protocol.Messages.ReadingQuality.Bad || reading.Asset is null || FindTank(reading.Asset) is not { } tank) return;
        double? litres = reading.Quantity switch
        {
            QuantityNames.TankVolume when tank.VolumeDevices.Contains(reading.Device) => reading.Value,
            QuantityNames.TankLevel when tank.VolumeDevices.Length == 0 && tank.LevelDevices.Contains(reading.Device) => tank.Geometry.VolumeLitres(reading.Value),
            _ => null,
        };
        if (litres is null) return;
        lock (_gate)
        {
            if (!_history.TryGetValue(tank.Id, out var samples)) _history[tank.Id] = samples = [];
            samples.Add((reading.Time.UtcTicks, litres.Value));
            samples.Sort((a, b) => a.Ticks.CompareTo(b.Ticks));
            // Keep the window and the one reading before it: the engine counts the fall from that reading too.
            long windowStart = samples[^1].Ticks + 1 - SiteReadingLoader.TankDrawWindow.Ticks;
            int before = samples.FindLastIndex(s => s.Ticks < windowStart);
            if (before > 0) samples.RemoveRange(0, before);
        }
    }

    /// <summary>Apart from <see cref="Add"/>, whose every call would otherwise pay for the lambda's closure.</summary>
    private TankPlan? FindTank(string id) => plan.Tanks.FirstOrDefault(t => t.Id == id);

    public IReadOnlyList<TankView> Tanks()
    {
        var views = new List<TankView>();
        foreach (var tank in plan.Tanks)
        {
            List<(long Ticks, double Litres)> samples;
            lock (_gate) samples = _history.TryGetValue(tank.Id, out var s) ? [.. s] : [];
            var capacity = tank.Geometry.CapacityLitres;
            if (samples.Count == 0)
            {
                views.Add(new TankView(tank.Id, tank.Asset.Name, null, capacity, null, null));
                continue;
            }
            var history = new TankHistory(samples.Select(x => x.Ticks).ToArray(), samples.Select(x => x.Litres).ToArray());
            double volume = samples[^1].Litres;
            views.Add(new TankView(tank.Id, tank.Asset.Name, volume, capacity, capacity > 0 ? Math.Clamp(volume / capacity, 0, 1) : null,
                history.DaysLeft(samples[^1].Ticks + 1, SiteReadingLoader.TankDrawWindow).Days));
        }
        return views;
    }
}
