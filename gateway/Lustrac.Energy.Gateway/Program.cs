using Lustrac.Energy.Gateway;
using Lustrac.Energy.Protocol.Site;
using Microsoft.Extensions.Hosting;

IHost host;
try
{
    host = GatewayApp.Build(args);
}
catch (Exception ex) when (ex is SiteModelException or StartupException)
{
    Console.Error.WriteLine($"Gateway cannot start. {ex.Message}");
    return 2;
}
return await GatewayApp.RunAsync(host);
