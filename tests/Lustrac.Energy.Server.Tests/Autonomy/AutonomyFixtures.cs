using System.Net;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>A reading store and a result store of one kind, fresh for each test; the result store also keeps turnings.</summary>
public sealed record AutonomyStores(IReadingStore Readings, IAutonomyStore Results)
{
    public ITurningStore Turnings => (ITurningStore)Results;
}

public static class Golden
{
    /// <summary>2026-06-21 10:00 UTC = 12:00 in Paris (summer time); the local day is [20 June 22:00Z, 21 June 22:00Z).</summary>
    public static readonly DateTimeOffset T0 = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);

    public static readonly SiteModel Site = AutonomyTestSite.Model();
    public static readonly SitePlan Plan = SitePlan.From(Site);

    public static StoredReading Counter(string device, string quantity, DateTimeOffset time, double kwh, ReadingQuality quality = ReadingQuality.Good) =>
        Reading(Site, device, quantity, time, kwh, quality);

    /// <summary>A reading of any quantity, in the vocabulary's unit, as ingest would store it for this site's device.</summary>
    public static StoredReading Reading(SiteModel site, string device, string quantity, DateTimeOffset time, double value, ReadingQuality quality = ReadingQuality.Good)
    {
        var d = site.FindDevice(device)!;
        Assert.True(Lustrac.Energy.Protocol.Quantities.QuantityVocabulary.TryGet(quantity, out var q), quantity);
        return new StoredReading("test", d.Gateway, device, d.Role, d.Household, d.Asset, quantity, q.Unit, time, value, quality, 1);
    }

    public static StoredReading Reading(string device, string quantity, DateTimeOffset time, double value) => Reading(Site, device, quantity, time, value);

    /// <summary>
    /// Readings exactly on the boundaries 10:00, 10:15, 10:30 (so every interval is Measured), plus one bad reading
    /// that must be ignored:
    /// <code>
    ///                 10:00    10:15    10:30     interval 1   interval 2
    /// h01 import      100.0    101.0    101.5        1.0          0.5
    /// h01 export       50.0     50.0     50.0        0            0
    /// h02 import      200.0    200.5    202.0        0.5          1.5
    /// h02 export       10.0     10.0     10.0        0            0
    /// pv-1 produced  1000.0   1001.0   1003.0        1.0          2.0
    /// </code>
    /// </summary>
    public static IReadOnlyList<StoredReading> Readings() =>
    [
        Counter("h01-meter", "energy_import", T0, 100.0),
        Counter("h01-meter", "energy_import", T0.AddMinutes(7), 5000, ReadingQuality.Bad),
        Counter("h01-meter", "energy_import", T0.AddMinutes(15), 101.0),
        Counter("h01-meter", "energy_import", T0.AddMinutes(30), 101.5),
        Counter("h01-meter", "energy_export", T0, 50.0),
        Counter("h01-meter", "energy_export", T0.AddMinutes(15), 50.0),
        Counter("h01-meter", "energy_export", T0.AddMinutes(30), 50.0),
        Counter("h02-meter", "energy_import", T0, 200.0),
        Counter("h02-meter", "energy_import", T0.AddMinutes(15), 200.5),
        Counter("h02-meter", "energy_import", T0.AddMinutes(30), 202.0),
        Counter("h02-meter", "energy_export", T0, 10.0),
        Counter("h02-meter", "energy_export", T0.AddMinutes(15), 10.0),
        Counter("h02-meter", "energy_export", T0.AddMinutes(30), 10.0),
        Counter("pv-1-inverter", "energy_produced", T0, 1000.0),
        Counter("pv-1-inverter", "energy_produced", T0.AddMinutes(15), 1001.0),
        Counter("pv-1-inverter", "energy_produced", T0.AddMinutes(30), 1003.0),
    ];

    public static IntervalCloser Calculator(AutonomyStores stores, LateDataQueue? recalculation = null, SitePlan? plan = null) =>
        new(plan ?? Plan, stores.Readings, stores.Results, recalculation ?? new LateDataQueue(plan ?? Plan),
            new AutonomySettings { GraceSeconds = 120, BackfillDays = 0 }, NullLogger<IntervalCloser>.Instance, stores.Turnings);
}

/// <summary>
/// The autonomy endpoints on a real Kestrel listening on a free loopback port, over the given stores, behind the
/// server's privacy middleware. <see cref="Http"/> carries the operator token; <see cref="Anonymous"/> none.
/// </summary>
public sealed class AutonomyApi : IAsyncDisposable
{
    public const string OperatorToken = "autonomy-tests-operator-token";
    public const string HouseholdToken = "autonomy-tests-h01-token";

    private readonly WebApplication _app;
    private readonly string _folder;
    public HttpClient Http { get; }
    public HttpClient Anonymous { get; }
    /// <summary>Holds h01's token: a household, not the operator.</summary>
    public HttpClient Household { get; }
    /// <summary>The queue the endpoints report to (a recorded turning), for the test to hand to a calculator.</summary>
    public LateDataQueue Recalculation { get; }

    private AutonomyApi(WebApplication app, string folder, int port, LateDataQueue recalculation)
    {
        (_app, _folder, Recalculation) = (app, folder, recalculation);
        var url = new Uri($"http://127.0.0.1:{port}/");
        Http = new HttpClient { BaseAddress = url };
        Http.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
        Anonymous = new HttpClient { BaseAddress = url };
        Household = new HttpClient { BaseAddress = url };
        Household.DefaultRequestHeaders.Authorization = new("Bearer", HouseholdToken);
    }

    public static async Task<AutonomyApi> StartAsync(AutonomyStores stores, DateTimeOffset now, SiteModel? site = null)
    {
        site ??= Golden.Site;
        var plan = ReferenceEquals(site, Golden.Site) ? Golden.Plan : SitePlan.From(site);
        var folder = Directory.CreateTempSubdirectory("lustrac-autonomy-api-").FullName;
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
        var recalculation = new LateDataQueue(plan);
        builder.Services.AddSingleton(site);
        builder.Services.AddSingleton(plan);
        builder.Services.AddSingleton(recalculation);
        builder.Services.AddSingleton(stores.Readings);
        builder.Services.AddSingleton(stores.Results);
        builder.Services.AddSingleton(stores.Turnings);
        builder.Services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));
        builder.Services.AddLustracPrivacy(builder.Configuration);
        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<Privacy.PrivacyMiddleware>();
        app.MapAutonomyEndpoints();
        Lustrac.Energy.Server.Explain.ExplainEndpoints.MapExplainEndpoints(app);
        Lustrac.Energy.Server.Replay.ReplayEndpoints.MapReplayEndpoints(app);
        Lustrac.Energy.Server.Settlement.SettlementEndpoints.MapSettlementEndpoints(app);
        await app.StartAsync();
        return new AutonomyApi(app, folder, port, recalculation);
    }

    /// <summary>Every route the app maps.</summary>
    public IReadOnlyList<Microsoft.AspNetCore.Routing.RouteEndpoint> Endpoints =>
        [.. _app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()];

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        Household.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* best effort: a temp folder */ }
    }
}
