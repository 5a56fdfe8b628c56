using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Diagnostics;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Bench;

/// <summary>
/// What the household screen fetches when it opens (wwwroot/screen-history.js), over real HTTP from the real
/// endpoints behind the privacy middleware, with the household's own token, on the stored year: today's intervals, the
/// last 7 days, the month so far, and 7 days of water. "Today" is the year's last local day. Prints the times.
/// </summary>
internal static class HouseholdPageData
{
    private const string Token = "bench-household-token";

    public static async Task RunAsync(SiteModel site, SitePlan plan, IReadingStore readings, IAutonomyStore results, DateTime yearEndUtc,
        RequestTally? tally = null)
    {
        var household = site.Households[0].Id;
        var folder = Directory.CreateTempSubdirectory("lustrac-bench-page-").FullName;
        var secrets = Path.Combine(folder, "households.secrets");
        await File.WriteAllLinesAsync(secrets, [HouseholdTokenStore.FileLine(household, Token)]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration["Privacy:SecretsFile"] = secrets;
        builder.Services.AddSingleton(site);
        builder.Services.AddSingleton(plan);
        builder.Services.AddSingleton(new LateDataQueue(plan));
        builder.Services.AddSingleton(readings);
        builder.Services.AddSingleton(results);
        builder.Services.AddSingleton((ITurningStore)results);
        builder.Services.AddSingleton<TimeProvider>(new StoppedClock(yearEndUtc.AddMinutes(-30)));
        builder.Services.AddLustracPrivacy(builder.Configuration);
        await using var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<PrivacyMiddleware>();
        app.MapAutonomyEndpoints();
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(yearEndUtc.AddMinutes(-30), plan.Zone));
            string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd");
            string[] urls =
            [
                $"api/autonomy?from={Day(0)}&to={Day(1)}&resolution=interval&household={household}",
                $"api/autonomy?from={Day(-6)}&to={Day(1)}&resolution=day&household={household}",
                $"api/autonomy?from={today.AddDays(1 - today.Day):yyyy-MM-dd}&to={Day(1)}&resolution=month&household={household}",
                $"api/water?from={Day(-6)}&to={Day(1)}&resolution=day&household={household}",
            ];
            var times = new List<double>();
            long bytes = 0;
            for (int run = 0; run < 21; run++)
            {
                var sw = Stopwatch.StartNew();
                // The page asks for them together, as here.
                var bodies = await Task.WhenAll(urls.Select(async u =>
                {
                    using var response = await http.GetAsync(u);
                    var body = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{u}: {(int)response.StatusCode} {body}");
                    return body;
                }));
                times.Add(sw.Elapsed.TotalMilliseconds);
                bytes = bodies.Sum(b => (long)b.Length);
            }
            times.RemoveAt(0); // the first request warms the endpoints up (JIT, connection)
            tally?.Reset();
            var one = Stopwatch.StartNew();
            foreach (var u in urls) (await http.GetAsync(u)).Dispose(); // one page load again, request after request, to see each one's InfluxDB requests
            var perPage = tally?.Summary(1);
            times.Sort();
            Console.WriteLine($"5. household screen's page data for {household} (today's intervals, 7 days, the month, 7 days of water: 4 requests, " +
                $"{bytes / 1024.0:F0} KiB, over HTTP with its token): median {times[times.Count / 2]:F1} ms, p95 {times[(int)(times.Count * 0.95)]:F1} ms (goal ≤ 50 ms)");
            if (perPage is not null) Console.WriteLine($"   one page load, the 4 requests in turn: {one.Elapsed.TotalMilliseconds:F1} ms, {perPage}");
        }
        finally
        {
            await app.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class StoppedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
