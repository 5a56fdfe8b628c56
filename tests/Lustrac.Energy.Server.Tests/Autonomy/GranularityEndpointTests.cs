using System.Net;
using System.Text.Json;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>/api/autonomy/granularity through the whole server: its shape, its CSV, its refusals and its privacy rule.</summary>
[Collection(SharedServicesCollection.Name)]
public sealed class GranularityEndpointTests(SharedServices services)
{
    [Fact]
    public async Task The_comparison_lists_every_netting_with_the_reason_and_refuses_what_it_cannot_serve()
    {
        await using var server = await RunningServer.StartAsync("sqlite", services.MqttPort, services.InfluxUrl);

        var json = await server.GetJsonAsync("api/autonomy/granularity?from=2026-01-12&to=2026-01-14");
        Assert.Equal(["interval", "hour", "day", "month", "year"], json.GetProperty("nettings").EnumerateArray().Select(n => n.GetProperty("netting").GetString()));
        Assert.Equal(192, json.GetProperty("quality").GetProperty("intervals").GetProperty("expected").GetInt32());
        // Nothing stored for those days: undefined, not 0 %.
        Assert.All(json.GetProperty("nettings").EnumerateArray(), n => Assert.Equal(JsonValueKind.Null, n.GetProperty("self_sufficiency").ValueKind));
        Assert.Contains("stored for free", json.GetProperty("why").GetProperty("en").GetString());
        Assert.Contains("stockée gratuitement", json.GetProperty("why").GetProperty("fr").GetString());

        var csv = await server.Http.GetStringAsync("api/autonomy/granularity.csv?from=2026-01-12&to=2026-01-14");
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.StartsWith("from_utc,to_utc,scope,netting,steps,consumption_kwh,production_kwh,self_consumed_kwh,self_sufficiency,self_consumption,coverage", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.Contains(",month,", lines[4]);

        using var withResolution = await server.Http.GetAsync("api/autonomy/granularity?resolution=day");
        Assert.Equal(HttpStatusCode.BadRequest, withResolution.StatusCode);
        Assert.Contains("resolution", await withResolution.Content.ReadAsStringAsync());
        using var tooLong = await server.Http.GetAsync("api/autonomy/granularity?from=2024-01-01&to=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 400 days", await tooLong.Content.ReadAsStringAsync());
        using var unknown = await server.Http.GetAsync("api/autonomy/granularity?household=h99");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        // A household's netting per interval and hour comes from its load curve: its own token or the operator, with consent.
        using var anonymous = new HttpClient { BaseAddress = server.Http.BaseAddress };
        using var publicView = await anonymous.GetAsync("api/autonomy/granularity?household=h01");
        Assert.Equal(HttpStatusCode.Forbidden, publicView.StatusCode);
        // The test site has 2 households: its neighbourhood aggregate would give one home away, so only the operator sees it.
        using var neighbourhood = await anonymous.GetAsync("api/autonomy/granularity");
        Assert.Equal(HttpStatusCode.Forbidden, neighbourhood.StatusCode);
        Assert.Contains("from 5 up", await neighbourhood.Content.ReadAsStringAsync());
        using var operatorNeighbourhood = await server.Http.GetAsync("api/autonomy/granularity");
        Assert.Equal(HttpStatusCode.OK, operatorNeighbourhood.StatusCode);
        // The test site's h01 has not consented: the operator may not see its per-interval netting either.
        using var operatorView = await server.Http.GetAsync("api/autonomy/granularity?household=h01");
        Assert.Equal(HttpStatusCode.Forbidden, operatorView.StatusCode);
    }
}
