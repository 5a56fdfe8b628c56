using Lustrac.Energy.Gateway;
using Microsoft.Extensions.Hosting;

IHost host;
try
{
    host = GatewayApp.Build(args);
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } problem)
{
    Console.Error.WriteLine($"Gateway cannot start. {problem}");
    return 2;
}
try
{
    return await GatewayApp.RunAsync(host);
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } problem) // a check the host makes while starting
{
    Console.Error.WriteLine($"Gateway cannot start. {problem}");
    return 2;
}
