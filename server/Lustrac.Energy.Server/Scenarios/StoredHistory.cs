using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Scenarios;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Scenarios;

/// <summary>
/// A range of stored results read back as the scenario engine's history, through <see cref="IAutonomyStore"/> on
/// either store: each household's <c>energy_interval</c> rows (whole days from their packed copy, see <see cref="StoredEnergy"/>) become its meters (import, export, own PV, battery);
/// the shared production is the neighbourhood's production minus the households' own PV (the store keeps the total,
/// not each array), split between the shared arrays by their share of the clear sky in each interval (kWp × clear-sky
/// per kWp of its plane) — exact for one array, an estimate for several. Water: <c>water_interval</c> rows; the gauge
/// from <c>tank_state.expected_l</c> ÷ (roof × 0.9); tank volumes summed over tanks. Compost: the <c>vital_needs</c> sums.
/// </summary>
public static class StoredHistory
{
    public static async Task<ScenarioHistory> LoadAsync(IAutonomyStore store, SitePlan plan, SiteModel site, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var grid = IntervalGrid.Covering(fromUtc, toUtc, plan.IntervalMinutes);
        var sky = Sky(site);
        // The reads are independent: run side by side (Task.Run, as SQLite's async calls complete synchronously).
        var energyRead = Task.Run(() => StoredEnergy.LoadAsync(store, plan, grid, ct), ct);
        var waterReads = plan.Households.Where(h => h.HasWater)
            .Select(h => Task.Run(async () => WaterMeters(h.Id, await store.ReadWaterAsync(h.Id, grid.StartUtc, grid.EndUtc, ct).ConfigureAwait(false), grid), ct)).ToArray();
        var tanksRead = Task.Run(() => store.ReadTanksAsync(grid.StartUtc, grid.EndUtc, ct), ct);
        var vitalsRead = Task.Run(() => store.ReadVitalNeedsAsync(grid.StartUtc, grid.EndUtc, ct), ct);
        var energy = await energyRead.ConfigureAwait(false);
        var homes = plan.Households.Select(h => Meters(h, energy[h.Id])).ToList();
        var arrays = Arrays(site, energy[StoredEnergy.Neighbourhood], grid, sky);
        var water = (await Task.WhenAll(waterReads).ConfigureAwait(false)).ToList();
        var tanks = await tanksRead.ConfigureAwait(false);
        var compost = (await vitalsRead.ConfigureAwait(false))
            .Where(v => v.Parts.Compost is not null)
            .Select(v => new CompostDay(v.DayStartUtc, v.Parts.Compost!.Value.Part, v.Parts.Compost.Value.Whole)).ToArray();
        return new ScenarioHistory(grid, plan.Zone, homes, arrays, plan.Allocation, sky,
            plan.Tanks.Count > 0 || water.Count > 0 ? Water(plan, water, tanks, grid) : null, compost);
    }

    /// <summary>The protocol's clear sky at the site's coordinates (remembered across runs, see <see cref="ClearSkyCache"/>).</summary>
    public static Func<DateTime, TimeSpan, double, double, double> Sky(SiteModel site) =>
        (start, length, tilt, azimuth) => ClearSkyCache.EnergyPerKwp(start, length, site.Site.Latitude, site.Site.Longitude, tilt, azimuth);

    /// <summary>The shared PV arrays: assets of kind pv_array that belong to no household.</summary>
    public static IReadOnlyList<Asset> SharedArrays(SiteModel site) =>
        site.Assets.Where(a => a.Kind == AssetKind.PvArray && a.Household is null).ToArray();

    /// <summary>A home without own PV or battery gets none (null), so its meter counts and coverage are the stored ones.</summary>
    private static HouseholdMeters Meters(HouseholdPlan home, ScopeIntervals stored)
    {
        bool battery = home.Batteries.Length > 0;
        return new HouseholdMeters(home.Id, stored.Import, stored.Export, home.OwnPv.Length > 0 ? stored.OwnProduction : null,
            battery ? stored.BatteryCharge : null, battery ? stored.BatteryDischarge : null);
    }

    private static SharedArraySeries[] Arrays(SiteModel site, ScopeIntervals nb, IntervalGrid grid, Func<DateTime, TimeSpan, double, double, double> sky)
    {
        var assets = SharedArrays(site);
        var series = assets.Select(_ => Enumerable.Repeat(IntervalValue.Missing, grid.Count).ToArray()).ToArray();
        var weight = new double[assets.Count];
        for (int k = 0; k < grid.Count; k++)
        {
            if (!nb.IsDefined(k)) continue;
            double shared = Math.Max(0, nb.Production(k) - nb.Own(k)), total = 0;
            for (int a = 0; a < assets.Count; a++)
                total += weight[a] = (assets[a].PeakKw ?? 0) * sky(grid.BoundaryUtc(k), grid.Length, assets[a].TiltDegrees ?? 0, assets[a].AzimuthDegrees ?? 180);
            for (int a = 0; a < assets.Count; a++)
            {
                // At night (no clear sky) a stray kWh is split by peak power.
                double share = total > 0 ? weight[a] / total : (assets[a].PeakKw ?? 0) / Math.Max(1e-9, assets.Sum(x => x.PeakKw ?? 0));
                series[a][k] = new(assets.Count == 1 ? shared : shared * share, nb.Quality(k));
            }
        }
        return assets.Select((a, i) => new SharedArraySeries(a.Id, a.PeakKw ?? 0, a.TiltDegrees ?? 0, a.AzimuthDegrees ?? 180, series[i])).ToArray();
    }

    private static HouseholdWaterMeters WaterMeters(string id, IReadOnlyList<WaterIntervalRow> rows, IntervalGrid grid)
    {
        var mains = Enumerable.Repeat(IntervalValue.Missing, grid.Count).ToArray();
        var rain = Enumerable.Repeat(IntervalValue.Missing, grid.Count).ToArray();
        foreach (var r in rows)
        {
            long k = grid.IndexOf(r.StartUtc);
            if (k < 0 || k >= grid.Count || !r.IsDefined) continue;
            mains[k] = new(r.Parts.Mains, r.Quality);
            rain[k] = new(r.Parts.Rain, r.Quality);
        }
        return new HouseholdWaterMeters(id, mains, rain);
    }

    private static WaterHistory Water(SitePlan plan, List<HouseholdWaterMeters> homes, IReadOnlyList<TankStateRow> tanks, IntervalGrid grid)
    {
        var roofs = plan.Tanks.ToDictionary(t => t.Id, t => t.Asset.RoofAreaM2 ?? 0);
        var volume = new double?[grid.Count];
        var seen = new int[grid.Count];
        var rain = new double?[grid.Count];
        foreach (var t in tanks)
        {
            long k = grid.IndexOf(t.StartUtc);
            if (k < 0 || k >= grid.Count) continue;
            volume[k] = (volume[k] ?? 0) + t.VolumeL;
            seen[k]++;
            if (rain[k] is null && t.ExpectedL is double e && roofs.GetValueOrDefault(t.Asset) is > 0 and var roof)
                rain[k] = e / (roof * RainHarvest.DefaultRunoffCoefficient);
        }
        // A total is known only when every tank reported.
        for (int k = 0; k < grid.Count; k++) if (seen[k] != plan.Tanks.Count) volume[k] = null;
        return new WaterHistory(homes, rain, volume, plan.Tanks.Sum(t => t.Geometry.CapacityLitres), plan.Tanks.Sum(t => t.Asset.RoofAreaM2 ?? 0));
    }
}
