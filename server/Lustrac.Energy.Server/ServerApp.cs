using Lustrac.Energy.Server.Alerts;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.OpenApi;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Scenarios;
using Lustrac.Energy.Server.WallScreen;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server;

/// <summary>Builds the whole server from command-line style arguments; Program and in-process tests share it.</summary>
public static class ServerApp
{
    /// <exception cref="Protocol.Site.SiteModelException">The site file has problems.</exception>
    /// <exception cref="StartupException">A setting is wrong.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A settings section is wrong (an AggregateException of them when several are).</exception>
    /// <param name="args">Command-line style settings.</param>
    /// <param name="replace">Registrations made after the server's own, so they replace them: a bench's simulated clock.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? replace = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebRoot() });
        ConfigFile.Add(builder.Configuration, args, "/etc/lustrac/server.json");
        builder.Configuration.AddCommandLine(args, ServerStartup.SwitchMappings);
        builder.Services.AddSystemd();
        builder.Services.AddLustracServer(builder.Configuration);
        builder.Services.AddLustracOpenApi();
        builder.Services.AddLustracScenarios(builder.Configuration);
        replace?.Invoke(builder.Services);
        var app = builder.Build();
        ServerSettings.CheckNow(app.Services);
        app.Services.GetRequiredService<SitePlan>(); // the site-file problems only the plan finds (a tank of no volume) stop start-up here
        app.UseDefaultFiles();
        app.UseStaticFiles();
        // Privacy runs after routing (it reads route values and endpoint metadata) and before every endpoint.
        app.Services.GetRequiredService<HouseholdTokenStore>();
        app.UseRouting();
        // A store not ready yet is everyone's 503 (it tells nothing of any home), before any privacy decision.
        app.UseMiddleware<Storage.StoreReadinessMiddleware>();
        app.UseMiddleware<PrivacyMiddleware>();
        app.MapLiveEndpoints();
        app.MapDeliveryEndpoints();
        app.MapAutonomyEndpoints();
        Explain.ExplainEndpoints.MapExplainEndpoints(app);
        Replay.ReplayEndpoints.MapReplayEndpoints(app);
        Settlement.SettlementEndpoints.MapSettlementEndpoints(app);
        app.MapWallScreen();
        Forecast.ForecastEndpoints.MapForecast(app);
        app.MapOpenApi(); // /openapi/v1.json
        app.MapAlerts();
        app.MapTokenEndpoints();
        app.MapScenarioEndpoints();
        return app;
    }

    /// <summary>The pages copied beside the binaries, so the server serves them whatever its working folder (tests, systemd).</summary>
    private static string? WebRoot()
    {
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(besideBinaries) ? besideBinaries : null;
    }
}
