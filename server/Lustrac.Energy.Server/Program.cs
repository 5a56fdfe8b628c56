using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;

if (BackupCommand.IsInvoked(args)) return await BackupCommand.RunAsync(args);
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
