using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// The physical model of a whole site, built from its site file and a seed: one sky, a load model per household,
/// a PV model per array. Pure functions of time, so any two runs with the same seed agree at every instant.
/// </summary>
public sealed class SitePhysics
{
    /// <param name="origin">Where stateful models (tank levels) start; the simulated start.</param>
    public SitePhysics(SiteModel site, ulong seed, DateTimeOffset? origin = null)
    {
        Seed = seed;
        Site = site;
        Weather = new SiteWeather(site.Site.Latitude, site.Site.Longitude, seed);
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(site.Site.TimeZone);

        var meanOccupancy = site.Households.Count == 0 ? 1 : site.Households.Average(h => HouseholdLoadModel.OccupancyFactor(h.Occupants));
        Households = site.Households.ToDictionary(
            h => h.Id,
            h => new HouseholdLoadModel(h.Id, TimeZone, HouseholdLoadModel.OccupancyFactor(h.Occupants) / meanOccupancy, seed),
            StringComparer.Ordinal);

        PvArrays = site.Assets.Where(a => a.Kind == AssetKind.PvArray).ToDictionary(
            a => a.Id,
            a => new PvArrayModel(Weather, a.PeakKw ?? 0, a.TiltDegrees ?? 30, a.AzimuthDegrees ?? 180,
                SettingOf(site, a.Id, "performance_ratio") ?? PvArrayModel.DefaultPerformanceRatio,
                SettingOf(site, a.Id, "ac_rating_kw")),
            StringComparer.Ordinal);

        CompostPiles = site.Assets.Where(a => a.Kind == AssetKind.CompostPile)
            .ToDictionary(a => a.Id, a => new CompostPileModel(a.Id, seed), StringComparer.Ordinal);

        Rain = new RainModel(seed);
        Water = site.Households.ToDictionary(h => h.Id, h => new WaterUseModel(h.Id, h.Occupants, TimeZone, seed), StringComparer.Ordinal);
        // The site file does not say which houses a tank serves: households are shared out between the tanks in turn.
        var tanks = site.Assets.Where(a => a.Kind == AssetKind.RainTank).ToArray();
        _tankOfHousehold = tanks.Length == 0 ? new Dictionary<string, string>()
            : site.Households.Select((h, i) => (h.Id, Tank: tanks[i % tanks.Length].Id)).ToDictionary(x => x.Id, x => x.Tank, StringComparer.Ordinal);
        Tanks = tanks.Select((tank, index) =>
        {
            var served = site.Households.Where((_, i) => i % tanks.Length == index).Select(h => Water[h.Id]).ToArray();
            return new TankModel(tank.Id, TankGeometry.Of(tank), tank.RoofAreaM2 ?? 0, Rain,
                t => served.Sum(w => w.FlowLitresPerHour(t)) * WaterUseModel.RainwaterShare, origin ?? DateTimeOffset.UtcNow, seed);
        }).ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    private readonly Dictionary<string, string> _tankOfHousehold;

    /// <summary>The rain tank that flushes a household's WC, if the site has tanks.</summary>
    public TankModel? TankServing(string householdId) =>
        _tankOfHousehold.TryGetValue(householdId, out var id) ? Tanks[id] : null;

    /// <summary>
    /// A household's water split between the rain tank (WC flushing, while the tank holds water) and the mains
    /// (everything else, and the WC too when the tank is dry), L/h.
    /// </summary>
    public (double Mains, double Rain) WaterFlowLitresPerHour(string householdId, DateTimeOffset t)
    {
        var total = Water[householdId].FlowLitresPerHour(t);
        var rain = TankServing(householdId) is { } tank && tank.LitresAt(t) > 1 ? total * WaterUseModel.RainwaterShare : 0;
        return (total - rain, rain);
    }

    public RainModel Rain { get; }
    public IReadOnlyDictionary<string, WaterUseModel> Water { get; }
    public IReadOnlyDictionary<string, TankModel> Tanks { get; }

    public ulong Seed { get; }
    public IReadOnlyDictionary<string, CompostPileModel> CompostPiles { get; }
    public SiteModel Site { get; }
    public SiteWeather Weather { get; }
    public TimeZoneInfo TimeZone { get; }
    public IReadOnlyDictionary<string, HouseholdLoadModel> Households { get; }
    public IReadOnlyDictionary<string, PvArrayModel> PvArrays { get; }

    /// <summary>The PV array on a household's own roof, if the site file gives it one.</summary>
    public PvArrayModel? HouseholdPv(string householdId) =>
        Site.Assets.FirstOrDefault(a => a.Kind == AssetKind.PvArray && a.Household == householdId) is { } asset
            ? PvArrays[asset.Id] : null;

    /// <summary>Net power at a household's grid connection, kW, import positive: its load less its own PV.</summary>
    public double HouseholdNetKw(string householdId, DateTimeOffset t) =>
        Households[householdId].PowerKw(t) - (HouseholdPv(householdId)?.AcPowerKw(t) ?? 0);

    /// <summary>A numeric device setting (e.g. an inverter's ac_rating_kw) from any device measuring the asset.</summary>
    private static double? SettingOf(SiteModel site, string assetId, string key)
    {
        foreach (var d in site.Devices.Where(d => d.Asset == assetId))
        {
            if (d.Settings.TryGetValue(key, out var text) &&
                double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
                return value;
        }
        return null;
    }
}
