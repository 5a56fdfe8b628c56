using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>Recording a turning on the whole server (ServerApp, its privacy layer and stores, a real broker).</summary>
[Collection(SharedServicesCollection.Name)]
public sealed class TurningEndToEndTests(SharedServices services)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("influxdb")]
    public async Task The_operator_records_a_turning_that_the_compost_api_counts_and_bad_input_is_refused(string storeKind)
    {
        await using var server = await RunningServer.StartWithSiteAsync(storeKind, services.MqttPort, services.InfluxUrl, id => AutonomyTestSite.Yaml(id));
        var turned = DateTimeOffset.UtcNow.AddHours(-3);
        var time = turned.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        using var recorded = await server.Http.PostAsync("api/compost/compost-1/turnings", JsonContent.Create(new { time }));
        using var zoneless = await server.Http.PostAsync("api/compost/compost-1/turnings", JsonContent.Create(new { time = time.TrimEnd('Z') }));
        using var anonymous = new HttpClient { BaseAddress = server.Http.BaseAddress };
        using var refused = await anonymous.PostAsync("api/compost/compost-1/turnings", JsonContent.Create(new { time }));

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, zoneless.StatusCode);
        Assert.Contains("with a zone", await zoneless.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        // Listed to anyone (a shared asset), once: the refused requests stored nothing.
        var listed = await anonymous.GetFromJsonAsync<JsonElement>("api/compost/compost-1/turnings");
        var only = Assert.Single(listed.GetProperty("turnings").EnumerateArray());
        Assert.Equal(turned.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + ".000Z", only.GetProperty("time").GetString());
        Assert.Equal("operator", only.GetProperty("recorded_by").GetString());
        var compost = await anonymous.GetFromJsonAsync<JsonElement>("api/compost");
        var pile = Assert.Single(compost.GetProperty("piles").EnumerateArray());
        Assert.Equal(3, pile.GetProperty("turnings_required").GetInt32());
        Assert.Equal("not_started", pile.GetProperty("status").GetString()); // no probe has reported
    }
}
