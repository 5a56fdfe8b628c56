using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Broker;

if (args.Length > 0 && args[0] == SiteIdsCommand.Name) return SiteIdsCommand.Run(args[1..], Console.Out, Console.Error);

WebApplication app;
try
{
    app = ServerApp.Build(args);
}
catch (Exception ex) when (ex is SiteModelException or StartupException)
{
    Console.Error.WriteLine($"Server cannot start. {ex.Message}");
    return 2;
}
await app.RunAsync();
return 0;
