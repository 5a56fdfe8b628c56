using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lustrac.Energy.Gateway.Tests;

/// <summary>systemd restarts a service that fails, not one that exits 0: a crashed worker must give a non-zero status.</summary>
public sealed class GatewayExitCodeTests
{
    private sealed class FailingWorker : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield(); // fails after start-up, as a full disk would during polling
            throw new IOException("No space left on device");
        }
    }

    private sealed class FinishingWorker(IHostApplicationLifetime lifetime) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            lifetime.StopApplication(); // an orderly stop, as on SIGTERM
        }
    }

    private static IHost HostWith<TWorker>() where TWorker : class, IHostedService
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHostedService<TWorker>();
        return builder.Build();
    }

    [Fact]
    public async Task A_failed_background_service_stops_the_gateway_with_a_non_zero_status()
    {
        using var host = HostWith<FailingWorker>();
        Assert.Equal(1, await GatewayApp.RunAsync(host));
    }

    [Fact]
    public async Task An_orderly_stop_exits_with_status_zero()
    {
        using var host = HostWith<FinishingWorker>();
        Assert.Equal(0, await GatewayApp.RunAsync(host));
    }
}
