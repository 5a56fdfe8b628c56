using Lustrac.Energy.Autonomy.Forecast;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Protocol.Solar;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Forecast;

/// <summary>
/// Builds the engine's forecast request from what the server stores: the <c>energy_interval</c> rows of the last weeks
/// (neighbourhood: consumption, and shared production = production − the households' own; each household: consumption and
/// its own production), the site's PV arrays with the protocol's clear-sky model, and the optional cloud-cover file.
/// </summary>
public sealed class ForecastSource(IAutonomyStore results, SitePlan plan, SiteModel site, ForecastSettings settings)
{
    /// <summary>Arrays without a tilt or azimuth in the site file are taken as south-facing at 30°, the usual roof.</summary>
    public const double DefaultTiltDeg = 30, DefaultAzimuthDeg = 180;

    public async Task<ForecastResult> ComputeAsync(DateTime nowUtc, CancellationToken ct)
    {
        var options = ForecastOptions.Default;
        var from = LocalCalendar.StartUtc(LocalDay.Of(nowUtc, plan.Zone).AddDays(-options.HistoryDays), plan.Zone);
        var neighbourhood = await results.ReadEnergyAsync(null, from, nowUtc, ct).ConfigureAwait(false);
        var production = new Dictionary<string, IReadOnlyList<IntervalEnergy>>
        {
            [ForecastRequest.SharedGroup] = [.. neighbourhood.Select(r => Energy(r, r.Parts.Production - r.OwnProduction))],
        };
        var consumption = new Dictionary<string, IReadOnlyList<IntervalEnergy>>();
        var arrays = Arrays(site);
        foreach (var h in plan.Households)
        {
            var rows = await results.ReadEnergyAsync(h.Id, from, nowUtc, ct).ConfigureAwait(false);
            consumption[h.Id] = [.. rows.Select(r => Energy(r, r.Parts.Consumption))];
            if (arrays.Any(a => a.Household == h.Id)) production[h.Id] = [.. rows.Select(r => Energy(r, r.OwnProduction))];
        }
        return DayAheadForecast.Compute(new ForecastRequest(nowUtc, plan.Zone, plan.IntervalMinutes, arrays,
            [.. plan.Households.Select(h => h.Id)], production, consumption,
            [.. neighbourhood.Select(r => Energy(r, r.Parts.Consumption))], plan.Allocation, settings.Clouds(), options));
    }

    /// <summary>Every PV array of the site, its clear-sky energy from the protocol's sky model at the site's coordinates.</summary>
    public static ForecastArray[] Arrays(SiteModel site) =>
    [
        .. site.Assets.Where(a => a.Kind == AssetKind.PvArray && a.PeakKw is > 0).Select(a =>
        {
            double tilt = a.TiltDegrees ?? DefaultTiltDeg, azimuth = a.AzimuthDegrees ?? DefaultAzimuthDeg;
            return new ForecastArray(a.Id, a.Household, a.PeakKw!.Value, (start, length) =>
                ClearSkyPv.EnergyPerKwp(new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)), length,
                    site.Site.Latitude, site.Site.Longitude, tilt, azimuth));
        }),
    ];

    private static IntervalEnergy Energy(EnergyIntervalRow row, double kwh) => new(row.StartUtc, row.IsDefined ? Math.Max(0, kwh) : null);
}
