using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Targets;
using Lustrac.Energy.Protocol.Site;
using EngineKey = Lustrac.Energy.Autonomy.Allocation.AllocationKey;
using SiteKey = Lustrac.Energy.Protocol.Site.AllocationKey;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

/// <summary>The devices feeding one household's balances, by role. Several devices of one role are summed.</summary>
public sealed record HouseholdPlan(
    string Id, string[] Meters, string[] OwnPv, string[] Batteries, string[] WaterMains, string[] WaterRain)
{
    public bool HasWater => WaterMains.Length + WaterRain.Length > 0;
}

/// <summary>A rain tank: its geometry (the site model's, shared with gateway and screen) and the devices reporting its depth or volume.</summary>
public sealed record TankPlan(string Id, Asset Asset, TankGeometry Geometry, string[] LevelDevices, string[] VolumeDevices);

public sealed record CompostPlan(string Id, string[] Probes, SanitisationRule Rule);

/// <summary>
/// The site model read as the autonomy engine's inputs: which device gives which counter of which balance, the
/// allocation rule, targets, canonical interval and time zone. Built once at start from the validated site model.
/// </summary>
public sealed class SitePlan
{
    public required string SiteId { get; init; }
    public required TimeZoneInfo Zone { get; init; }
    public required int IntervalMinutes { get; init; }
    public required IReadOnlyList<HouseholdPlan> Households { get; init; }
    /// <summary><c>pv_production</c> devices: shared arrays whose production is allocated between households.</summary>
    public required string[] SharedProduction { get; init; }
    public required IReadOnlyList<TankPlan> Tanks { get; init; }
    public required IReadOnlyList<CompostPlan> Piles { get; init; }
    public required string[] RainGauges { get; init; }
    /// <summary>Scales weighing organic waste diverted into compost.</summary>
    public required string[] DivertedScales { get; init; }
    /// <summary>Scales with the setting <c>stream: residual</c>: organic waste that went to the bin. Without one,
    /// diversion is undefined (we cannot know what was not diverted), never 100 %.</summary>
    public required string[] ResidualScales { get; init; }
    /// <summary>Batteries of no household: the engine balances household batteries only, so these are not counted.</summary>
    public required string[] UnassignedBatteries { get; init; }
    public required AllocationRule Allocation { get; init; }
    public required AutonomyTargets Targets { get; init; }

    /// <summary>How counters become interval values: here, how long a silence interpolation may bridge (<c>Autonomy:MaxInterpolationGapHours</c>).</summary>
    public IntervalOptions Counters { get; init; } = AutonomySettings.CounterOptions(AutonomySettings.DefaultMaxInterpolationGapHours);

    public TimeSpan IntervalLength => TimeSpan.FromMinutes(IntervalMinutes);

    public HouseholdPlan? FindHousehold(string id) => Households.FirstOrDefault(h => h.Id == id);

    public static SitePlan From(SiteModel site, IntervalOptions? counters = null)
    {
        string[] Devices(string role, Func<Device, bool>? where = null) =>
            site.Devices.Where(d => d.Role == role && (where?.Invoke(d) ?? true)).Select(d => d.Id).ToArray();
        string? HouseholdOfAsset(string? assetId) => site.Assets.FirstOrDefault(a => a.Id == assetId)?.Household;

        var households = site.Households.Select(h => new HouseholdPlan(
            h.Id,
            Devices(Roles.HouseholdMeter, d => d.Household == h.Id),
            Devices(Roles.HouseholdPv, d => d.Household == h.Id),
            Devices(Roles.Battery, d => (d.Household ?? HouseholdOfAsset(d.Asset)) == h.Id),
            Devices(Roles.WaterMains, d => d.Household == h.Id),
            Devices(Roles.WaterRain, d => d.Household == h.Id))).ToArray();

        var tanks = site.Assets.Where(a => a.Kind == AssetKind.RainTank).Select(a => new TankPlan(
            a.Id, a, TankGeometry.Of(a),
            Devices(Roles.TankLevel, d => d.Asset == a.Id && BalanceFeeds.Of(d) == BalanceFeeds.TankDepthSensor),
            Devices(Roles.TankLevel, d => d.Asset == a.Id && BalanceFeeds.Of(d) == BalanceFeeds.TankVolumeSensor))).ToArray();

        var piles = site.Assets.Where(a => a.Kind == AssetKind.CompostPile).Select(a => new CompostPlan(
            a.Id, Devices(Roles.CompostTemperature, d => d.Asset == a.Id), SanitisationRules.Resolve(a.SanitisationRule))).ToArray();

        bool IsResidual(Device d) => d.Settings.TryGetValue("stream", out var s) && s == "residual";

        return new SitePlan
        {
            SiteId = site.Site.Id,
            Zone = TimeZoneInfo.FindSystemTimeZoneById(site.Site.TimeZone),
            IntervalMinutes = site.Site.IntervalMinutes,
            Households = households,
            SharedProduction = Devices(Roles.PvProduction),
            Tanks = tanks,
            Piles = piles,
            RainGauges = Devices(Roles.RainGauge),
            DivertedScales = Devices(Roles.CompostScale, d => !IsResidual(d)),
            ResidualScales = Devices(Roles.CompostScale, IsResidual),
            UnassignedBatteries = Devices(Roles.Battery, d => (d.Household ?? HouseholdOfAsset(d.Asset)) is null),
            Allocation = RuleFor(site.Allocation, households),
            Targets = new AutonomyTargets(site.Targets.EnergySelfSufficiency, site.Targets.WaterAutonomy, site.Targets.CompostDiversion, site.Targets.VitalNeeds),
            Counters = counters ?? AutonomySettings.CounterOptions(AutonomySettings.DefaultMaxInterpolationGapHours),
        };
    }

    /// <summary>
    /// The devices of the plan that <paramref name="feed"/> describes (<see cref="BalanceFeeds"/>): those the figures read,
    /// so a battery of no household is left out, as the engine leaves it out.
    /// </summary>
    public string[] DevicesOf(RoleFeed feed)
    {
        if (feed == BalanceFeeds.TankDepthSensor) return Tanks.SelectMany(t => t.LevelDevices).ToArray();
        if (feed == BalanceFeeds.TankVolumeSensor) return Tanks.SelectMany(t => t.VolumeDevices).ToArray();
        return feed.Role switch
        {
            Roles.HouseholdMeter => Households.SelectMany(h => h.Meters).ToArray(),
            Roles.HouseholdPv => Households.SelectMany(h => h.OwnPv).ToArray(),
            Roles.PvProduction => SharedProduction,
            Roles.Battery => Households.SelectMany(h => h.Batteries).ToArray(),
            Roles.WaterMains => Households.SelectMany(h => h.WaterMains).ToArray(),
            Roles.WaterRain => Households.SelectMany(h => h.WaterRain).ToArray(),
            Roles.RainGauge => RainGauges,
            Roles.CompostScale => DivertedScales.Concat(ResidualScales).ToArray(),
            Roles.CompostTemperature => Piles.SelectMany(p => p.Probes).ToArray(),
            _ => throw new ArgumentException($"the site plan has no devices for role '{feed.Role}'", nameof(feed)),
        };
    }

    /// <summary>The site's key as an engine rule; static shares follow the household order, a household without a share gets 0.</summary>
    public static AllocationRule RuleFor(AllocationSettings settings, IReadOnlyList<HouseholdPlan> households) => settings.Key switch
    {
        SiteKey.Static => new AllocationRule(EngineKey.Static, households.Select(h => settings.StaticShares.GetValueOrDefault(h.Id)).ToArray()),
        SiteKey.EqualShare => AllocationRule.EqualShare,
        _ => AllocationRule.DefaultDynamic,
    };
}

/// <summary>Site files name sanitisation rules loosely (<c>epa_in_vessel</c>); the engine's presets have ids like <c>us-epa-in-vessel</c>.</summary>
public static class SanitisationRules
{
    /// <summary>Unknown or absent names fall back to the French ICPE rule in its strictest reading: a wrong name must not
    /// make a pile look sanitised sooner.</summary>
    public static SanitisationRule Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return SanitisationRule.FrIcpe;
        var id = name.Trim().ToLowerInvariant().Replace('_', '-');
        return SanitisationRule.FindPreset(id) ?? SanitisationRule.FindPreset("us-" + id) ?? SanitisationRule.FrIcpe;
    }
}
