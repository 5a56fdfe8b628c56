using System.Text.RegularExpressions;
using Lustrac.Energy.Server.Alerts;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.Time.Testing;
using YamlDotNet.RepresentationModel;

namespace Lustrac.Energy.Server.Tests.Alerts;

public sealed partial class PrometheusRulesTests
{
    [Fact]
    public void Every_metric_the_shipped_rules_use_is_exposed_by_metrics()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));
        var site = TestSite.Model();
        var exposed = DeliveryEndpoints.PrometheusText(new IngestStatistics(), new Quarantine(clock, new QuarantineSettings { File = "" }), new SequenceTracker(clock))
            + new AlertMetrics(site, new ArrivalLog(new LiveReadings(), clock), new AlertBook(TimeSpan.FromHours(1)), clock).PrometheusText();
        var names = exposed.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();

        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "deploy", "prometheus", "lustrac-rules.yml"))) yaml.Load(reader);
        var rules = ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"]).Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>()).ToList();

        Assert.True(rules.Count >= 6, $"only {rules.Count} rules");
        foreach (var rule in rules)
        {
            var expr = ((YamlScalarNode)rule["expr"]).Value!;
            Assert.True(rule.Children.ContainsKey("alert") && rule.Children.ContainsKey("annotations"), $"rule '{expr}' needs a name and annotations");
            foreach (var used in MetricName().Matches(expr).Select(m => m.Value))
                Assert.True(names.Contains(used), $"rule '{((YamlScalarNode)rule["alert"]).Value}' uses {used}, which /metrics does not expose");
        }
    }

    [GeneratedRegex("lustrac_[a-z_]+")]
    private static partial Regex MetricName();
}
