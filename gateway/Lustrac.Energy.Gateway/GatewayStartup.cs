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
    /// Reads settings and the site file, failing fast with a message a person can act on: an unknown gateway
    /// id or a broken site file stops start-up instead of running with nothing to poll.
    /// </summary>
    public static IServiceCollection AddLustracGateway(this IServiceCollection services, IConfiguration config)
    {
        var settings = config.GetSection("Gateway").Get<GatewaySettings>() ?? new GatewaySettings();
        var mqtt = config.GetSection("Mqtt").Get<MqttSettings>() ?? new MqttSettings();
        var outbox = config.GetSection("Outbox").Get<OutboxSettings>() ?? new OutboxSettings();
        var site = SiteLoader.LoadFile(settings.SiteFile);
        if (string.IsNullOrEmpty(settings.Id))
            throw new StartupException($"No gateway id given. Set Gateway:Id in the configuration file (/etc/lustrac/gateway.json on a Pi) or start with --gateway <id>; this site has: {string.Join(", ", site.Gateways.Select(g => g.Id))}.");
        if (site.Gateways.All(g => g.Id != settings.Id))
            throw new StartupException($"Gateway '{settings.Id}' is not in {settings.SiteFile}. Known gateways: {string.Join(", ", site.Gateways.Select(g => g.Id))}.");

        if (string.IsNullOrWhiteSpace(mqtt.Host))
            throw new StartupException("No MQTT broker given. Set Mqtt:Host in the configuration file (/etc/lustrac/gateway.json on a Pi) or start with --mqtt-host <server>.");
        if (mqtt.UseTls && !string.IsNullOrEmpty(mqtt.CaFile) && !File.Exists(mqtt.CaFile))
            throw new StartupException($"Mqtt:CaFile {mqtt.CaFile} does not exist. Copy the cooperative's ca.crt there (made by deploy/mosquitto/make-tls.sh on the server).");
        services.AddSingleton(site);
        services.AddSingleton(settings);
        services.AddSingleton(mqtt);
        services.AddSingleton(TimeProvider.System);
        if (outbox.MaxMegabytes < 1 || outbox.FlushMilliseconds < 1 || outbox.SegmentKilobytes < 16 || outbox.PublishWindow < 1)
            throw new StartupException("Outbox settings must be positive: MaxMegabytes ≥ 1, SegmentKilobytes ≥ 16, FlushMilliseconds ≥ 1, PublishWindow ≥ 1.");
        services.AddSingleton(outbox);
        services.AddSingleton(sp => DiskOutbox.Open(outbox, sp.GetRequiredService<ILogger<DiskOutbox>>()));
        services.AddSingleton(sp => new MqttConnection(mqtt, ClientId(site.Site.Id, settings.Id, mqtt.Username), sp.GetRequiredService<ILogger<MqttConnection>>()));
        services.AddSingleton<IReadingPublisher, OutboxReadingPublisher>();
        services.AddHostedService<OutboxPublisher>();
        services.AddHostedService<GatewayWorker>();
        AddWatchdog(services, config);
        return services;
    }

    /// <summary>The systemd heartbeat, sent only while the poll loops and the outbox drain advance.</summary>
    private static void AddWatchdog(IServiceCollection services, IConfiguration config)
    {
        var watchdog = config.GetSection("Watchdog").Get<WatchdogSettings>() ?? new WatchdogSettings();
        if (watchdog.ReadLimitSeconds is <= 0 || watchdog.DrainLimitSeconds <= 0)
            throw new StartupException("Watchdog:ReadLimitSeconds and Watchdog:DrainLimitSeconds must be positive numbers of seconds.");
        services.AddSingleton(watchdog);
        services.AddSingleton(sp => new ProgressGate(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GatewayWatchdog>();
        services.AddHostedService<GatewayHeartbeat>();
    }

    /// <summary>
    /// The MQTT client id is the gateway's identity: its user name on a locked-down broker (which insists on it, so no
    /// client can take another's session), else one derived from the site and gateway ids.
    /// </summary>
    public static string ClientId(string site, string gateway, string? username) =>
        string.IsNullOrEmpty(username) ? $"gateway-{site}-{gateway}" : username;
}

/// <summary>A configuration problem that must stop start-up; its message is for the person who installs the Pi.</summary>
public sealed class StartupException(string message) : Exception(message);
