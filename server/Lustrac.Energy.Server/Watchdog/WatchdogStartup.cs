using Lustrac.Energy.Protocol.Systemd;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Watchdog;

public static class WatchdogStartup
{
    /// <summary>The systemd heartbeat, gated on ingest and the interval closing. Call after the store is registered.</summary>
    /// <remarks>The "Watchdog" section is bound and checked with the others (<see cref="ServerSettings"/>).</remarks>
    public static IServiceCollection AddLustracWatchdog(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(sp => new ProgressGate(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IngestProgress>();
        // The test-only subscriber that blocks is subscribed only when a test asks for it.
        if (config["Watchdog:HangAt"] == ServerWatchdogSettings.HangAfterStore && !string.IsNullOrEmpty(config["Watchdog:HangWhileFileExists"]))
        {
            services.AddSingleton<HangingObserver>();
            services.AddStoredBatchObserver<HangingObserver>();
        }
        DecorateStore(services);
        services.AddHostedService<ServerHeartbeat>();
        return services;
    }

    /// <summary>Wraps whichever store was registered (an instance, or InfluxDB's typed HTTP client) in its watched twin.</summary>
    private static void DecorateStore(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IReadingStore));
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(IReadingStore),
            sp => new WatchedReadingStore(Inner(registered, sp), sp.GetRequiredService<IngestProgress>()), registered.Lifetime));
    }

    private static IReadingStore Inner(ServiceDescriptor registered, IServiceProvider sp) => (IReadingStore)(
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));
}
