using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Lustrac.Energy.Gateway;

/// <summary>Builds the gateway host from command-line style arguments; Program and in-process tests share it.</summary>
public static class GatewayApp
{
    /// <exception cref="Protocol.Site.SiteModelException">The site file has problems.</exception>
    /// <exception cref="StartupException">A setting is wrong.</exception>
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        ConfigFile.Add(builder.Configuration, args);
        builder.Configuration.AddCommandLine(args, GatewayStartup.SwitchMappings);
        builder.Services.AddSystemd();
        builder.Services.AddLustracGateway(builder.Configuration);
        return builder.Build();
    }
}
