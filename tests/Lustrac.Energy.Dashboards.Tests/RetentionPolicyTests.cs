using System.Text.RegularExpressions;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Dashboards.Tests;

/// <summary>
/// Results live in InfluxDB's <c>results</c> policy (kept forever), readings in the default <c>autogen</c> (kept
/// Store:RetentionDays): a query naming no policy reads <c>autogen</c>, where results no longer arrive.
/// </summary>
public sealed partial class RetentionPolicyTests
{
    [GeneratedRegex("FROM\\s+((?:\"\\w+\"\\.)*)\"(\\w+)\"")]
    private static partial Regex FromClause();

    [Theory]
    [MemberData(nameof(Dashboards.FileNames), MemberType = typeof(Dashboards))]
    public void Result_queries_name_the_results_policy_and_reading_queries_the_default(string file)
    {
        var dashboard = Dashboards.Load(file);
        var queries = Dashboards.Panels(dashboard).SelectMany(Dashboards.Targets).Where(Dashboards.IsInfluxQuery)
            .Select(t => t.GetProperty("query").GetString()!).ToList();
        var froms = queries.SelectMany(q => FromClause().Matches(q)).ToList();
        Assert.NotEmpty(froms);
        foreach (var from in froms)
        {
            var policy = from.Groups[1].Value;
            var measurement = from.Groups[2].Value;
            if (InfluxRetention.ResultMeasurements.Contains(measurement))
                Assert.True(policy == $"\"{InfluxRetention.ResultsPolicy}\".", $"{file}: {from.Value} must read \"results\".\"{measurement}\"");
            else
                Assert.True(policy == "", $"{file}: {from.Value} is a reading; it lives in the default policy");
        }
    }
}
