using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Publishing;
using Lustrac.Energy.Gateway.Watchdog;
using Lustrac.Energy.Protocol.Site;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway;

/// <summary>Runs one poller per bus of this gateway's devices, in parallel.</summary>
public sealed class GatewayWorker(
    SiteModel site, GatewaySettings settings, IReadingPublisher publisher, TimeProvider clock, ILoggerFactory logs,
    GatewayWatchdog watchdog) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gateway = site.Gateways.Single(g => g.Id == settings.Id);
        var log = logs.CreateLogger<GatewayWorker>();
        var hardware = new DriverHardware
        {
            StateFolder = settings.StateFolder,
            W1Root = settings.W1Root,
            ModbusRetries = settings.ModbusRetries,
            Clock = clock,
            Logs = logs,
        };
        // The role decides the quantity: say once which register gives each PV or battery meter's counters.
        foreach (var notice in MeterCounters.Notices(site.DevicesOf(gateway.Id))) log.LogInformation("{Notice}", notice);
        await using var factory = new DriverFactory(TimeSpan.FromMilliseconds(settings.ModbusTimeoutMs), site, hardware);
        var pollers = site.DevicesOf(gateway.Id)
            .GroupBy(DriverFactory.BusKey)
            .Select(bus => new BusPoller(site.Site.Id, gateway.Id,
                watchdog.Watch(bus.Key, [.. bus.Select(factory.Create)], TimeSpan.FromSeconds(gateway.PollSeconds)),
                TimeSpan.FromSeconds(gateway.PollSeconds), publisher, clock, logs.CreateLogger<BusPoller>()))
            .ToList();
        log.LogInformation("Gateway {Gateway} polling {Devices} devices on {Buses} buses every {Period} s",
            gateway.Id, site.DevicesOf(gateway.Id).Count(), pollers.Count, gateway.PollSeconds);
        await Task.WhenAll(pollers.Select(p => p.RunAsync(stoppingToken))).ConfigureAwait(false);
    }
}
