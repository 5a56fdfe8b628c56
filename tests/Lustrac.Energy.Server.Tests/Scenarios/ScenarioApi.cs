using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Scenarios;
using Lustrac.Energy.Server.Tests.Autonomy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Server.Tests.Scenarios;

/// <summary>
/// The scenario and autonomy endpoints on a real Kestrel over the given stores, behind the privacy middleware, with
/// their scenario file in a temp folder. <see cref="Operator"/>, <see cref="Household"/> (h01) and <see cref="Anonymous"/> clients.
/// </summary>
public sealed class ScenarioApi : IAsyncDisposable
{
    private const string OperatorToken = "scenario-tests-operator";
    private const string HouseholdToken = "scenario-tests-h01";
    private readonly WebApplication _app;
    public string Folder { get; }
    public HttpClient Operator { get; }
    public HttpClient Household { get; }
    public HttpClient Anonymous { get; }

    private ScenarioApi(WebApplication app, string folder, Uri url)
    {
        (_app, Folder) = (app, folder);
        Operator = new HttpClient { BaseAddress = url };
        Operator.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
        Household = new HttpClient { BaseAddress = url };
        Household.DefaultRequestHeaders.Authorization = new("Bearer", HouseholdToken);
        Anonymous = new HttpClient { BaseAddress = url };
    }

    public static async Task<ScenarioApi> StartAsync(AutonomyStores stores, DateTimeOffset now, SiteModel site)
    {
        var folder = Directory.CreateTempSubdirectory("lustrac-scenarios-").FullName;
        var secrets = Path.Combine(folder, "households.secrets");
        await File.WriteAllLinesAsync(secrets, [
            Privacy.HouseholdTokenStore.FileLine(Privacy.HouseholdTokenStore.Operator, OperatorToken),
            .. site.Households.Select(h => Privacy.HouseholdTokenStore.FileLine(h.Id, h.Id == "h01" ? HouseholdToken : "unused-" + h.Id)),
        ]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        int port = Lustrac.Energy.Testing.FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration["Privacy:SecretsFile"] = secrets;
        builder.Configuration["Scenarios:File"] = Path.Combine(folder, "scenarios.json");
        var plan = SitePlan.From(site);
        builder.Services.AddSingleton(site);
        builder.Services.AddSingleton(plan);
        builder.Services.AddSingleton(new LateDataQueue(plan));
        builder.Services.AddSingleton(stores.Readings);
        builder.Services.AddSingleton(stores.Results);
        builder.Services.AddSingleton(stores.Turnings);
        builder.Services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));
        builder.Services.AddLustracPrivacy(builder.Configuration);
        builder.Services.AddLustracScenarios(builder.Configuration);
        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<Privacy.PrivacyMiddleware>();
        app.MapAutonomyEndpoints();
        app.MapScenarioEndpoints();
        await app.StartAsync();
        return new ScenarioApi(app, folder, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        Operator.Dispose();
        Household.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* best effort: a temp folder */ }
    }
}
