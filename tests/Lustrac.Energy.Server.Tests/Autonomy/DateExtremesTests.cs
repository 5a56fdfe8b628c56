using System.Net;
using System.Text.Json;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// Every endpoint that takes a date answers 400 with the reason for a date outside 2020-01-01 … 2100-01-01 (site local
/// midnight), on both stores; before, the extremes reached InfluxDB's time literals or the calendar's ends and gave 500.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class DateExtremesTests(SharedServices services)
{
    private static readonly string[] Endpoints =
    [
        "api/autonomy", "api/autonomy.csv", "api/autonomy/compare", "api/water", "api/vital-needs",
        "api/compost/compost-1/register.csv", "api/compost/compost-1/turnings",
    ];

    /// <summary>The extremes of the brief, the day just outside each end, and full timestamps at the type's ends.</summary>
    private static readonly string[] OutOfRange =
    [
        "from=0001-01-01&to=2026-01-01", "from=2026-01-01&to=9999-12-31", "from=0001-01-01&to=9999-12-31",
        "from=2019-12-31&to=2020-01-02", "from=2099-12-01&to=2100-01-02",
        "from=0001-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from=2026-01-01T00:00:00Z&to=9999-12-31T23:59:59Z",
    ];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("influxdb")]
    public async Task Dates_outside_the_served_range_are_refused_with_a_reason_on_every_endpoint(string storeKind)
    {
        await using var server = await RunningServer.StartWithSiteAsync(storeKind, services.MqttPort, services.InfluxUrl, id => AutonomyTestSite.Yaml(id));
        var failures = new List<string>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var query in OutOfRange)
            {
                using var response = await server.Http.GetAsync($"{endpoint}?{query}");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("outside the dates this server serves, 2020-01-01 to 2100-01-01", StringComparison.Ordinal))
                    failures.Add($"{endpoint}?{query}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
            }
            // The ends themselves are served: a day at each end (resolution day; compare and compost take ≤ 400 days).
            foreach (var query in new[] { "from=2020-01-01&to=2020-01-02", "from=2099-12-31&to=2100-01-01" })
            {
                using var response = await server.Http.GetAsync($"{endpoint}?{query}");
                if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{endpoint}?{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The reason names the parameter, so a user knows which one to fix.
        using var refused = await server.Http.GetAsync("api/water?from=0001-01-01&to=2026-01-01");
        Assert.StartsWith("from: '0001-01-01' is outside", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }
}
