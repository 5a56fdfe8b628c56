using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Alerts;
using Lustrac.Energy.Server.Autonomy;
using Lustrac.Energy.Server.Broker;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.WallScreen;
using Lustrac.Energy.Server.Watchdog;

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
    /// Reads the settings and the site file. Anything wrong stops start-up with a message naming the
    /// setting or the line of the site file, rather than a server that runs and silently stores nothing.
    /// </summary>
    public static IServiceCollection AddLustracServer(this IServiceCollection services, IConfiguration config)
    {
        var siteFile = config["Lustrac:SiteFile"] ?? "site/lustrac.site.yaml";
        var site = SiteLoader.LoadFile(siteFile);
        var mqtt = config.GetSection("Mqtt").Get<MqttIngestSettings>() ?? new MqttIngestSettings();
        var store = config.GetSection("Store").Get<StoreSettings>() ?? new StoreSettings();
        var quarantine = config.GetSection("Quarantine").Get<QuarantineSettings>() ?? new QuarantineSettings();
        if (mqtt.Port is < 1 or > 65535) throw new StartupException($"Mqtt:Port is {mqtt.Port}; use a TCP port between 1 and 65535.");
        if (mqtt.Embedded && string.IsNullOrEmpty(mqtt.UsersFile) && !IsLoopback(mqtt.Host))
            throw new StartupException($"The embedded MQTT broker has no Mqtt:UsersFile, so it is open and may listen on loopback only, not '{mqtt.Host}'. " +
                "Create users with deploy/mosquitto/make-users.sh and set Mqtt:UsersFile (and Mqtt:Username/Mqtt:Password for the server).");
        if (store.RetentionDays < 0) throw new StartupException($"Store:RetentionDays is {store.RetentionDays}; use a number of days (365 keeps a year of readings, as the CNIL recommends) or 0 to keep readings forever.");

        services.AddSingleton(site);
        services.AddSingleton(mqtt);
        services.AddSingleton(store);
        services.AddSingleton(quarantine);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new MessageValidator(site, sp.GetRequiredService<TimeProvider>(),
            store.RetentionDays > 0 ? TimeSpan.FromDays(store.RetentionDays) : null));
        services.AddSingleton<Quarantine>();
        services.AddSingleton<SequenceTracker>();
        services.AddSingleton<LiveReadings>();
        services.AddSingleton<DeviceStatusBoard>();
        services.AddSingleton<IngestStatistics>();
        services.AddSingleton<IngestBrokerClient>();
        services.AddIngestPipeline();
        services.AddLustracPrivacy(config);
        services.AddWallScreen();
        switch (store.Kind)
        {
            case "sqlite":
                services.AddSingleton<IReadingStore>(new SqliteReadingStore(store.SqlitePath));
                if (store.RetentionDays > 0)
                    services.AddHostedService(sp => new SqliteReadingPurge(store.SqlitePath, store.RetentionDays,
                        sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteReadingPurge>>()));
                break;
            case "influxdb":
                if (!Uri.TryCreate(store.InfluxUrl, UriKind.Absolute, out var influx))
                    throw new StartupException($"Store:InfluxUrl '{store.InfluxUrl}' is not a URL such as http://127.0.0.1:8086.");
                services.AddHttpClient<IReadingStore, InfluxReadingStore>(http =>
                {
                    http.BaseAddress = new Uri(influx.ToString().TrimEnd('/') + "/");
                    http.Timeout = TimeSpan.FromSeconds(30);
                });
                break;
            default:
                throw new StartupException($"Store:Kind is '{store.Kind}'; use 'sqlite' (embedded) or 'influxdb'.");
        }
        services.AddLustracAutonomy(config, site, store);
        services.AddSingleton<StoreReadiness>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreReadiness>());
        services.AddAlerts(config, site);
        if (mqtt.Embedded) services.AddHostedService<EmbeddedBroker>();
        services.AddHostedService<MqttIngestService>();
        services.AddLustracWatchdog(config);
        return services;
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
}

/// <summary>A configuration problem that must stop start-up; its message is for the person running the server.</summary>
public sealed class StartupException(string message) : Exception(message);
