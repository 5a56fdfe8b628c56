using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Broker;

if (args.Length > 0 && args[0] == SiteIdsCommand.Name) return SiteIdsCommand.Run(args[1..], Console.Out, Console.Error);

if (args.Length > 0 && args[0] == Lustrac.Energy.Server.Privacy.TokensCommand.Name)
    return Lustrac.Energy.Server.Privacy.TokensCommand.Run(args[1..], Console.Out, Console.Error);

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
// A failed background service (ingest, autonomy) stops the host but RunAsync returns normally (.NET 10):
// exit 1 then, so systemd's Restart=on-failure brings the server back.
var services = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
await app.RunAsync();
return services.Any(s => s.ExecuteTask is { IsFaulted: true }) ? 1 : 0;
