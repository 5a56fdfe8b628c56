using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lustrac.Energy.Gateway;

/// <summary>Builds the gateway host from command-line style arguments; Program and in-process tests share it.</summary>
public static class GatewayApp
{
    /// <exception cref="Protocol.Site.SiteModelException">The site file has problems.</exception>
    /// <exception cref="StartupException">A setting is wrong.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A settings section is wrong (an AggregateException of them when several are).</exception>
    /// <param name="args">Command-line style settings.</param>
    /// <param name="replace">Registrations made after the gateway's own, so they replace them: a bench's simulated clock.</param>
    public static IHost Build(string[] args, Action<IServiceCollection>? replace = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        ConfigFile.Add(builder.Configuration, args, "/etc/lustrac/gateway.json");
        builder.Configuration.AddCommandLine(args, GatewayStartup.SwitchMappings);
        builder.Services.AddSystemd();
        builder.Services.AddLustracGateway(builder.Configuration);
        replace?.Invoke(builder.Services);
        var host = builder.Build();
        GatewayConfiguration.CheckNow(host.Services);
        return host;
    }

    /// <summary>
    /// Runs the host; 0 after an orderly stop, 1 if a background service failed. The host stops when one fails
    /// but its RunAsync still returns normally (.NET 10), and a service that exits 0 is not restarted by systemd.
    /// </summary>
    public static async Task<int> RunAsync(IHost host)
    {
        var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList(); // RunAsync disposes the host
        await host.RunAsync().ConfigureAwait(false);
        var failed = services.Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
        foreach (var service in failed)
            await Console.Error.WriteLineAsync($"Gateway stopped: {service.GetType().Name} failed: {service.ExecuteTask!.Exception!.GetBaseException().Message}").ConfigureAwait(false);
        return failed.Count > 0 ? 1 : 0;
    }
}
