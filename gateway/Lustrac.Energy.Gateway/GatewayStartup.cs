using Lustrac.Energy.Gateway.Diagnostics;
using Lustrac.Energy.Gateway.Outbox;
using Lustrac.Energy.Gateway.Publishing;
using Lustrac.Energy.Gateway.Watchdog;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Protocol.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway;

public static class GatewayStartup
{
    /// <summary>Short command-line names for the settings people change most.</summary>
    public static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--site"] = "Gateway:SiteFile",
        ["--gateway"] = "Gateway:Id",
        ["--mqtt-host"] = "Mqtt:Host",
        ["--mqtt-port"] = "Mqtt:Port",
        ["--outbox"] = "Outbox:Folder",
        ["--state"] = "Gateway:StateFolder",
    };

    /// <summary>
    /// Reads the site file and registers the settings, which the options framework checks before anything starts
    /// (<see cref="GatewayConfiguration"/>). An unknown gateway id or a broken site file stops start-up here, with a
    /// message a person can act on, instead of a gateway running with nothing to poll.
    /// </summary>
    public static IServiceCollection AddLustracGateway(this IServiceCollection services, IConfiguration config)
    {
        services.AddGatewaySettings();
        var settings = config.GetSection("Gateway").Get<GatewaySettings>() ?? new GatewaySettings();
        var site = SiteLoader.LoadFile(settings.SiteFile);
        if (string.IsNullOrEmpty(settings.Id))
            throw new StartupException($"No gateway id given. Set Gateway:Id in the configuration file (/etc/lustrac/gateway.json on a Pi) or start with --gateway <id>; this site has: {string.Join(", ", site.Gateways.Select(g => g.Id))}.");
        if (site.Gateways.All(g => g.Id != settings.Id))
            throw new StartupException($"Gateway '{settings.Id}' is not in {settings.SiteFile}. Known gateways: {string.Join(", ", site.Gateways.Select(g => g.Id))}.");

        services.AddSingleton(site);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => DiskOutbox.Open(sp.GetRequiredService<OutboxSettings>(), sp.GetRequiredService<ILogger<DiskOutbox>>()));
        services.AddSingleton(sp => Connection(sp, site.Site.Id, settings.Id));
        services.AddSingleton<IReadingPublisher, OutboxReadingPublisher>();
        services.AddHostedService<OutboxPublisher>();
        services.AddHostedService<GatewayWorker>();
        // The systemd heartbeat, sent only while the poll loops and the outbox drain advance.
        services.AddSingleton(sp => new ProgressGate(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GatewayWatchdog>();
        services.AddHostedService<GatewayHeartbeat>();
        var reportSeconds = config.GetValue("Diagnostics:MemoryReportSeconds", 0);
        if (reportSeconds < 0) throw new StartupException($"Diagnostics:MemoryReportSeconds is {reportSeconds}; give a number of seconds, or 0 for no memory report.");
        if (reportSeconds > 0)
            services.AddHostedService(sp => new MemoryReport(TimeSpan.FromSeconds(reportSeconds), sp.GetRequiredService<DiskOutbox>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MemoryReport>>()));
        return services;
    }

    private static MqttConnection Connection(IServiceProvider services, string site, string gateway)
    {
        var mqtt = services.GetRequiredService<MqttSettings>();
        return new MqttConnection(mqtt, ClientId(site, gateway, mqtt.Username), services.GetRequiredService<ILogger<MqttConnection>>());
    }

    /// <summary>
    /// The MQTT client id is the gateway's identity: its user name on a locked-down broker (which insists on it, so no
    /// client can take another's session), else one derived from the site and gateway ids.
    /// </summary>
    public static string ClientId(string site, string gateway, string? username) =>
        string.IsNullOrEmpty(username) ? $"gateway-{site}-{gateway}" : username;
}
