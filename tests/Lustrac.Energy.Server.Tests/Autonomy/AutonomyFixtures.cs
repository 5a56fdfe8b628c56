using System.Net;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Autonomy;
using Lustrac.Energy.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>A reading store and a result store of one kind, fresh for each test.</summary>
public sealed record AutonomyStores(IReadingStore Readings, IAutonomyStore Results);

public static class Golden
{
    /// <summary>2026-06-21 10:00 UTC = 12:00 in Paris (summer time); the local day is [20 June 22:00Z, 21 June 22:00Z).</summary>
    public static readonly DateTimeOffset T0 = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);

    public static readonly SiteModel Site = TestSite.Model();
    public static readonly SitePlan Plan = SitePlan.From(Site);

    public static StoredReading Counter(string device, string quantity, DateTimeOffset time, double kwh, ReadingQuality quality = ReadingQuality.Good)
    {
        var d = Site.FindDevice(device)!;
        return new StoredReading("test", d.Gateway, device, d.Role, d.Household, d.Asset, quantity, "kWh", time, kwh, quality, 1);
    }

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

    public static AutonomyCalculator Calculator(AutonomyStores stores, AutonomyRecalculation? recalculation = null) =>
        new(Plan, stores.Readings, stores.Results, recalculation ?? new AutonomyRecalculation(Plan),
            new AutonomySettings { GraceSeconds = 120, BackfillDays = 0 }, NullLogger<AutonomyCalculator>.Instance);
}

/// <summary>The autonomy endpoints on a real Kestrel listening on a free loopback port, over the given stores.</summary>
public sealed class AutonomyApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    public HttpClient Http { get; }

    private AutonomyApi(WebApplication app, HttpClient http) { _app = app; Http = http; }

    public static async Task<AutonomyApi> StartAsync(AutonomyStores stores, DateTimeOffset now)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        int port = Lustrac.Energy.Testing.FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton(Golden.Site);
        builder.Services.AddSingleton(Golden.Plan);
        builder.Services.AddSingleton(stores.Readings);
        builder.Services.AddSingleton(stores.Results);
        builder.Services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));
        var app = builder.Build();
        app.MapAutonomyEndpoints();
        await app.StartAsync();
        return new AutonomyApi(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
