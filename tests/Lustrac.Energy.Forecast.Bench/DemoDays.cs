using Lustrac.Energy.Autonomy.Forecast;
using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Forecast.Bench;

/// <summary>
/// The demo's days as the engine would have stored them, built from firmware-host's physics (the model its history mode
/// publishes): per quarter-hour, each shared array's AC energy and each household's consumption, integrated at 5-minute
/// midpoints. Household arrays: none in the sample site.
/// </summary>
public sealed class DemoDays
{
    public static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    public List<IntervalEnergy> SharedProduction { get; } = [];
    public List<IntervalEnergy> NeighbourhoodConsumption { get; } = [];
    public Dictionary<string, List<IntervalEnergy>> Households { get; } = [];

    public DemoDays(SitePhysics physics, SiteModel site, DateTime fromUtc, DateTime toUtc)
    {
        var arrays = site.Assets.Where(a => a.Kind == AssetKind.PvArray && a.Household is null).Select(a => physics.PvArrays[a.Id]).ToArray();
        foreach (var h in site.Households) Households[h.Id] = [];
        for (var t = fromUtc; t < toUtc; t += Quarter)
        {
            double p = 0, total = 0;
            for (var s = t + Step / 2; s < t + Quarter; s += Step)
            {
                var at = new DateTimeOffset(s);
                p += arrays.Sum(a => a.AcPowerKw(at)) * Step.TotalHours;
            }
            foreach (var h in site.Households)
            {
                double c = physics.Households[h.Id].EnergyKwh(new DateTimeOffset(t), new DateTimeOffset(t + Quarter), Step);
                Households[h.Id].Add(new(t, c));
                total += c;
            }
            SharedProduction.Add(new(t, p));
            NeighbourhoodConsumption.Add(new(t, total));
        }
    }
}
