using Lustrac.Energy.Gateway;
using Lustrac.Energy.Protocol.Site;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, GatewayStartup.SwitchMappings);
builder.Services.AddSystemd();
try
{
    builder.Services.AddLustracGateway(builder.Configuration);
}
catch (Exception ex) when (ex is SiteModelException or StartupException)
{
    Console.Error.WriteLine($"Gateway cannot start. {ex.Message}");
    return 2;
}
await builder.Build().RunAsync();
return 0;
