using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Broker;

if (args.Length > 0 && args[0] == SiteIdsCommand.Name) return SiteIdsCommand.Run(args[1..], Console.Out, Console.Error);

if (args.Length > 0 && args[0] == Lustrac.Energy.Server.Privacy.TokensCommand.Name)
    return Lustrac.Energy.Server.Privacy.TokensCommand.Run(args[1..], Console.Out, Console.Error);

if (args.Length > 0 && args[0] == Lustrac.Energy.Server.Settlement.ReconcileCommand.Name)
    return await Lustrac.Energy.Server.Settlement.ReconcileCommand.RunAsync(args[1..], Console.Out, Console.Error);

if (BackupCommand.IsInvoked(args)) return await BackupCommand.RunAsync(args);
WebApplication app;
try
{
    app = ServerApp.Build(args);
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } problem)
{
    Console.Error.WriteLine($"Server cannot start. {problem}");
    return 2;
}
// A failed background service (ingest, autonomy) stops the host but RunAsync returns normally (.NET 10):
// exit 1 then, so systemd's Restart=on-failure brings the server back.
List<BackgroundService> services;
try
{
    services = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
    await app.RunAsync();
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } problem) // a check the host makes while starting
{
    Console.Error.WriteLine($"Server cannot start. {problem}");
    return 2;
}
return services.Any(s => s.ExecuteTask is { IsFaulted: true }) ? 1 : 0;
