using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Alerts;
using Lustrac.Energy.Server.Broker;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.WallScreen;
using Lustrac.Energy.Server.Watchdog;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server;

public static class ServerStartup
{
    public static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--site"] = "Lustrac:SiteFile",
        ["--store"] = "Store:Kind",
        ["--mqtt-port"] = "Mqtt:Port",
    };

    /// <summary>
    /// Reads the site file (its problems stop start-up here, naming the line) and registers the settings, which the
    /// options framework checks before anything starts (<see cref="ServerSettings"/>): a wrong value stops start-up
    /// with a message naming the setting, rather than a server that runs and silently stores nothing.
    /// </summary>
    public static IServiceCollection AddLustracServer(this IServiceCollection services, IConfiguration config)
    {
        var siteFile = config["Lustrac:SiteFile"] ?? "site/lustrac.site.yaml";
        var site = SiteLoader.LoadFile(siteFile);
        services.AddServerSettings();
        // Which services exist depends on a few settings; read as bound, unchecked: a wrong one fails the check at start.
        var mqtt = config.GetSection("Mqtt").Get<MqttIngestSettings>() ?? new MqttIngestSettings();
        var store = config.GetSection("Store").Get<StoreSettings>() ?? new StoreSettings();

        services.AddSingleton(site);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new MessageValidator(site, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<StoreSettings>().RetentionDays is > 0 and var days ? TimeSpan.FromDays(days) : null));
        services.AddSingleton<Quarantine>();
        services.AddSingleton<SequenceTracker>();
        services.AddSingleton<LiveReadings>();
        services.AddSingleton<DeviceStatusBoard>();
        services.AddSingleton<IngestStatistics>();
        services.AddSingleton<IngestBrokerClient>();
        services.AddIngestPipeline();
        services.AddLustracPrivacy(config);
        services.AddWallScreen();
        if (store.Kind == "influxdb")
        {
            services.AddHttpClient<IReadingStore, InfluxReadingStore>((sp, http) =>
            {
                http.BaseAddress = new Uri(sp.GetRequiredService<StoreSettings>().InfluxUrl.TrimEnd('/') + "/");
                http.Timeout = TimeSpan.FromSeconds(30);
            });
        }
        else
        {
            services.AddSingleton<IReadingStore>(new SqliteReadingStore(store.SqlitePath));
            if (store.RetentionDays > 0)
                services.AddHostedService(sp => new SqliteReadingPurge(store.SqlitePath, store.RetentionDays,
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteReadingPurge>>(),
                        sp.GetRequiredService<StoreReadiness>().WaitAsync));
        }
        services.AddLustracAutonomy(site, store);
        Forecast.ForecastStartup.AddLustracForecast(services, config);
        services.AddSingleton<Privacy.Departures.IDepartureStore>(sp => sp.GetRequiredService<ResultStore.StoredResults>());
        services.AddHostedService<Privacy.Departures.DepartedHouseholdPurge>();
        services.AddSingleton<StoreReadiness>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreReadiness>());
        services.AddAlerts(config, site);
        if (mqtt.Embedded) services.AddHostedService<EmbeddedBroker>();
        services.AddHostedService<MqttIngestService>();
        services.AddLustracWatchdog(config);
        return services;
    }
}
