using Lustrac.Energy.Autonomy.Intervals;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;

namespace Lustrac.Energy.Server.Scheduling;

public static class AutonomyStartup
{
    /// <summary>The autonomy figures: site plan, result store beside the readings, calculator, service and the ingest hook.</summary>
    public static IServiceCollection AddLustracAutonomy(this IServiceCollection services, SiteModel site, StoreSettings store)
    {
        // Autonomy settings are bound and checked with the others (ServerSettings); the plan is made once they passed.
        services.AddSingleton(sp => PlanOf(site, AutonomySettings.CounterOptions(sp.GetRequiredService<AutonomySettings>().MaxInterpolationGapHours)));
        services.AddSingleton<LateDataQueue>();
        services.AddStoredBatchObserver<LateDataQueue>();
        services.AddSingleton<FineDataHorizon>();
        services.AddSingleton<IntervalCloser>();
        services.TryAddSingleton<EngineToday>();
        if (store.Kind == "influxdb")
        {
            services.AddHttpClient(nameof(StoredResults), http =>
            {
                http.BaseAddress = new Uri(store.InfluxUrl.TrimEnd('/') + "/");
                http.Timeout = TimeSpan.FromSeconds(60);
            });
            services.AddSingleton(sp => StoredResults.InInflux(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(StoredResults)), store, site.Site.Id));
        }
        else
        {
            services.AddSingleton(StoredResults.InSqlite(store.SqlitePath, site.Site.Id));
        }
        services.AddSingleton<IAutonomyStore>(sp => sp.GetRequiredService<StoredResults>());
        services.AddSingleton<ITurningStore>(sp => sp.GetRequiredService<StoredResults>());
        services.AddHostedService<IntervalClosingLoop>();
        return services;
    }

    /// <summary>A tank the validator let through with a zero dimension has no volume: stop with the tank and the key to fix.</summary>
    private static SitePlan PlanOf(SiteModel site, IntervalOptions counters)
    {
        try { return SitePlan.From(site, counters); }
        catch (FormatException e) { throw new StartupException($"The site file: {e.Message}"); }
    }
}
