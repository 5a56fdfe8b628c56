using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Api;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, ServerStartup.SwitchMappings);
builder.Services.AddSystemd();
try
{
    builder.Services.AddLustracServer(builder.Configuration);
}
catch (Exception ex) when (ex is SiteModelException or StartupException)
{
    Console.Error.WriteLine($"Server cannot start. {ex.Message}");
    return 2;
}

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapLiveEndpoints();
await app.RunAsync();
return 0;
