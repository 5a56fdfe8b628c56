using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.Server.Scenarios;

public static class ScenarioStartup
{
    /// <summary><c>Scenarios:File</c> (default <c>data/scenarios.json</c>): the saved scenarios (<see cref="ScenarioBook"/>).</summary>
    public static IServiceCollection AddLustracScenarios(this IServiceCollection services, IConfiguration config)
    {
        var path = config["Scenarios:File"] ?? "data/scenarios.json";
        services.AddSingleton(sp => new ScenarioBook(path, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ScenarioServices(
            sp.GetRequiredService<SiteModel>(), sp.GetRequiredService<SitePlan>(), sp.GetRequiredService<IAutonomyStore>(),
            sp.GetRequiredService<ScenarioBook>(), sp.GetRequiredService<PrivacyPolicy>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
