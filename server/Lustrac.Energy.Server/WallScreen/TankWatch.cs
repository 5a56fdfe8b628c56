using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// Rainwater tanks for the screen: latest volume, capacity from the site's geometry, and days of water left at
/// the draw-down rate of the last 24 h (rises are rain, so only falls count as use).
/// </summary>
public sealed class TankWatch(SiteModel site)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    /// <summary>Less history than this gives a rate that means nothing.</summary>
    private static readonly TimeSpan MinimumHistory = TimeSpan.FromMinutes(15);

    private readonly Dictionary<string, List<(DateTimeOffset Time, double Litres)>> _history = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public sealed record TankView(string Asset, double? VolumeL, double? CapacityL, double? Fill, double? DaysLeft);

    public void Add(StoredReading reading)
    {
        if (reading.Role != Roles.TankLevel || reading.Asset is null || reading.Quality == Protocol.Messages.ReadingQuality.Bad) return;
        var asset = FindAsset(reading.Asset);
        double? litres = reading.Quantity switch
        {
            "tank_volume" => reading.Value,
            "tank_level" when asset is not null => TankGeometry.LitresAtDepth(asset, reading.Value),
            _ => null,
        };
        if (litres is null) return;
        lock (_gate)
        {
            if (!_history.TryGetValue(reading.Asset, out var samples)) _history[reading.Asset] = samples = [];
            samples.Add((reading.Time, litres.Value));
            samples.Sort((a, b) => a.Time.CompareTo(b.Time));
            samples.RemoveAll(s => s.Time < samples[^1].Time - Window);
        }
    }

    /// <summary>Apart from <see cref="Add"/>, whose every call would otherwise pay for the lambda's closure.</summary>
    private Asset? FindAsset(string id) => site.Assets.FirstOrDefault(a => a.Id == id);

    public IReadOnlyList<TankView> Tanks()
    {
        var views = new List<TankView>();
        foreach (var tank in site.Assets.Where(a => a.Kind == AssetKind.RainTank))
        {
            List<(DateTimeOffset Time, double Litres)> samples;
            lock (_gate) samples = _history.TryGetValue(tank.Id, out var s) ? [.. s] : [];
            var capacity = TankGeometry.CapacityLitres(tank);
            double? volume = samples.Count > 0 ? samples[^1].Litres : null;
            views.Add(new TankView(tank.Id, volume, capacity,
                volume is { } v && capacity is > 0 ? Math.Clamp(v / capacity.Value, 0, 1) : null,
                DaysLeft(samples)));
        }
        return views;
    }

    private static double? DaysLeft(List<(DateTimeOffset Time, double Litres)> samples)
    {
        if (samples.Count < 2 || samples[^1].Time - samples[0].Time < MinimumHistory) return null;
        var used = 0.0;
        for (var i = 1; i < samples.Count; i++) used += Math.Max(0, samples[i - 1].Litres - samples[i].Litres);
        var perDay = used / (samples[^1].Time - samples[0].Time).TotalDays;
        return perDay > 0 ? samples[^1].Litres / perDay : null;
    }
}

/// <summary>Tank volume from the site file's shape and dimensions (DOMAIN.md, Rainwater).</summary>
public static class TankGeometry
{
    public static double? CapacityLitres(Asset tank) => tank.Shape switch
    {
        TankShape.HorizontalCylinder => tank.DiameterM is { } d ? LitresAtDepth(tank, d) : null,
        _ => tank.HeightM is { } h ? LitresAtDepth(tank, h) : null,
    };

    public static double? LitresAtDepth(Asset tank, double depthM)
    {
        switch (tank.Shape)
        {
            case TankShape.VerticalCylinder when tank.DiameterM is { } d:
                return Math.PI * d * d / 4 * depthM * 1000;
            case TankShape.Rectangular when tank.LengthM is { } l && tank.WidthM is { } w:
                return l * w * depthM * 1000;
            case TankShape.HorizontalCylinder when tank.DiameterM is { } d && tank.LengthM is { } len:
                var r = d / 2;
                var h = Math.Clamp(depthM, 0, d);
                return len * (r * r * Math.Acos((r - h) / r) - (r - h) * Math.Sqrt(2 * r * h - h * h)) * 1000;
            default:
                return null;
        }
    }
}
