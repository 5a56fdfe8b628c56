using System.Net;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Tests.Autonomy;
using static Lustrac.Energy.Server.Tests.Autonomy.Golden;

namespace Lustrac.Energy.Server.Tests.Departures;

/// <summary>
/// Rule 4 on the stored figures: the golden site has 2 households, so its neighbourhood figures (an aggregate of
/// both) are refused to a shared screen and to a household — h01 would read h02 as the neighbourhood minus itself —
/// through every mapped figure endpoint, while the operator and h01's own figures are served.
/// </summary>
public sealed class SmallNeighbourhoodTests : IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();

    [Fact]
    public async Task Neighbourhood_figures_of_fewer_than_five_homes_go_to_the_operator_only()
    {
        await using var api = await AutonomyApi.StartAsync(await _folder.CreateAsync(), T0.AddHours(1));
        var routes = api.Endpoints.Select(e => e.RoutePattern.RawText!)
            .Where(r => !r.Contains('{') && PrivacyPolicy.NeighbourhoodFigureRoutes.Any(p => r.StartsWith(p, StringComparison.Ordinal)))
            .Distinct().ToList();
        Assert.Contains("/api/autonomy", routes);
        Assert.Contains("/api/water", routes);
        Assert.Contains("/api/vital-needs", routes);
        const string range = "?from=2026-06-21&to=2026-06-22";
        foreach (var route in routes)
        {
            foreach (var viewer in new[] { api.Anonymous, api.Household })
            {
                using var refused = await viewer.GetAsync(route.TrimStart('/') + range);
                Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{route}: {refused.StatusCode}");
                Assert.Contains("the neighbourhood has 2 households", await refused.Content.ReadAsStringAsync());
            }
            using var byOperator = await api.Http.GetAsync(route.TrimStart('/') + range);
            Assert.True(byOperator.StatusCode != HttpStatusCode.Forbidden, $"{route} refused to the operator");
        }
        using var own = await api.Household.GetAsync("api/autonomy" + range + "&resolution=day&household=h01");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    public void Dispose() => _folder.Dispose();
}
