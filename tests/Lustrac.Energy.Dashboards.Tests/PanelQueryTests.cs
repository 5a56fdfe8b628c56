using System.Text.Json;

namespace Lustrac.Energy.Dashboards.Tests;

/// <summary>
/// Every panel query, with Grafana's macros and the dashboard's variables substituted as Grafana would, run on
/// InfluxDB holding the emulated site's data: each must return at least one series. Variables take the first
/// value their own query returns, so variable queries are tested too.
/// </summary>
[Collection(DashboardDataCollection.Name)]
public sealed class PanelQueryTests(DashboardData data)
{
    private async Task<string> SubstituteAsync(JsonElement dashboard, string query)
    {
        // Two days: daily rows (vital needs) are stamped at local midnight, which a few hours may not reach.
        query = query.Replace("$timeFilter", "time > now() - 2d", StringComparison.Ordinal)
            .Replace("$__interval", "1m", StringComparison.Ordinal);
        foreach (var variable in Dashboards.Variables(dashboard))
        {
            var name = variable.GetProperty("name").GetString()!;
            if (!query.Contains("$" + name, StringComparison.Ordinal) && !query.Contains("${" + name, StringComparison.Ordinal)) continue;
            var value = await ValueOfAsync(dashboard, variable);
            query = query.Replace("${" + name + "}", value, StringComparison.Ordinal).Replace("$" + name, value, StringComparison.Ordinal);
        }
        return query;
    }

    private async Task<string> ValueOfAsync(JsonElement dashboard, JsonElement variable)
    {
        if (variable.GetProperty("name").GetString() == "site") return data.SiteId; // the shared InfluxDB may hold other tests' sites
        var series = await data.QueryAsync(await SubstituteAsync(dashboard, variable.GetProperty("query").GetString()!));
        var values = series.SelectMany(s => s.GetProperty("values").EnumerateArray()).Select(v => v[1].GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.True(values.Count > 0, $"variable ${variable.GetProperty("name").GetString()} has no value");
        return values[0];
    }

    [Fact]
    public async Task Variable_queries_return_values()
    {
        foreach (var file in Dashboards.Files.Select(Path.GetFileName))
        {
            var dashboard = Dashboards.Load(file!);
            foreach (var variable in Dashboards.Variables(dashboard))
            {
                var series = await data.QueryAsync(await SubstituteAsync(dashboard, variable.GetProperty("query").GetString()!));
                Assert.True(series.Count > 0, $"{file}: variable ${variable.GetProperty("name").GetString()} returns nothing");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards.InfluxQueries), MemberType = typeof(Dashboards))]
    public async Task Panel_query_returns_series(string file, string panelTitle, string refId)
    {
        var dashboard = Dashboards.Load(file);
        var target = Dashboards.Panels(dashboard).Where(p => p.GetProperty("title").GetString() == panelTitle)
            .SelectMany(Dashboards.Targets).Single(t => t.GetProperty("refId").GetString() == refId);
        var query = await SubstituteAsync(dashboard, target.GetProperty("query").GetString()!);
        var series = await data.QueryAsync(query);
        if (series.Count == 0)
        {
            // Say what the measurement does hold, so a failure points at the data or at the query.
            var measurement = System.Text.RegularExpressions.Regex.Match(query, "FROM ((\"[a-z_]+\"\\.)?\"[a-z_]+\")").Groups[1].Value;
            var sample = await data.QueryAsync($"SELECT * FROM {measurement} WHERE \"site\" = '{data.SiteId}' ORDER BY time DESC LIMIT 3");
            Assert.Fail($"no series for: {query}\nlatest rows of {measurement}: {string.Join("; ", sample.Select(x => x.ToString()))}");
        }
        Assert.Contains(series, s => s.GetProperty("values").GetArrayLength() > 0);
    }
}
