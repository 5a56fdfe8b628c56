using System.Globalization;
using System.Text;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// Gauges for deploy/prometheus/lustrac-rules.yml, appended to /metrics: per gateway (never per device: device ids
/// name homes) the age of its newest reading and how late its readings arrive, and the open alerts by kind.
/// </summary>
public sealed class AlertMetrics(SiteModel site, ArrivalLog arrivals, AlertBook book, TimeProvider clock)
{
    public string PrometheusText()
    {
        var now = clock.GetUtcNow();
        var text = new StringBuilder(1024);
        Header(text, "lustrac_gateway_last_reading_age_seconds", "Seconds since the newest stored reading of the gateway arrived (since the server started if none).");
        foreach (var g in site.Gateways)
        {
            var last = Heard(g.Id).Select(a => a.ArrivedAt).DefaultIfEmpty(arrivals.StartedAt).Max();
            Sample(text, "lustrac_gateway_last_reading_age_seconds", "gateway", g.Id, (now - last).TotalSeconds);
        }
        Header(text, "lustrac_gateway_reading_lag_seconds", "How long after it was read the gateway's newest reading was stored (a backlog draining when large).");
        foreach (var g in site.Gateways)
            if (Heard(g.Id).MaxBy(a => a.ReadAt) is { } newest) Sample(text, "lustrac_gateway_reading_lag_seconds", "gateway", g.Id, newest.Lag.TotalSeconds);
        Header(text, "lustrac_alerts_open", "Open alerts by kind, as /api/alerts lists them.");
        var open = book.Open();
        foreach (var kind in AlertKinds.All) Sample(text, "lustrac_alerts_open", "kind", kind, open.Count(a => a.Condition.Kind == kind));
        return text.ToString();
    }

    private IEnumerable<ArrivalLog.Arrival> Heard(string gateway) =>
        site.Devices.Where(d => d.Gateway == gateway).Select(d => arrivals.For(d.Id)).OfType<ArrivalLog.Arrival>();

    private static void Header(StringBuilder text, string name, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(" gauge\n");

    // Gateway ids and kinds are from the safe id alphabet: no label escaping needed.
    private static void Sample(StringBuilder text, string name, string label, string value, double sample) =>
        text.Append(name).Append('{').Append(label).Append("=\"").Append(value).Append("\"} ")
            .Append(Math.Round(sample, 3).ToString(CultureInfo.InvariantCulture)).Append('\n');
}
