using Lustrac.Energy.Server.Privacy;
using System.Globalization;
using System.Text;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lustrac.Energy.Server.Api;

/// <summary>What delivery looks like from the server: Prometheus counters and per-device sequence reports.</summary>
public static class DeliveryEndpoints
{
    public static void MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", GetMetrics).Produces<string>(StatusCodes.Status200OK, "text/plain");
        app.MapGroup("/api/devices").MapGet("/sequence", GetSequences);
    }

    public static ContentHttpResult GetMetrics(IngestStatistics stats, Quarantine quarantine, SequenceTracker sequences, Alerts.AlertMetrics alerts) =>
        TypedResults.Text(PrometheusText(stats, quarantine, sequences) + alerts.PrometheusText(), "text/plain; version=0.0.4; charset=utf-8");

    [OperatorOnly] // per-device diagnostics name every household's meter
    public static Ok<SequenceResponse> GetSequences(SequenceTracker sequences) => TypedResults.Ok(new SequenceResponse(
        "as seen by this server instance since it started; reporting only, storage does not depend on it",
        sequences.Missing, sequences.Duplicates, sequences.Late, sequences.Restarts,
        sequences.Report().Select(r => new DeviceSequenceJson(r.Device, r.HighestSeq, r.Messages, r.Missing, r.Duplicates, r.Late,
            r.Restarts, ReadingCodec.FormatTime(r.LastSeenAt)))));

    /// <summary>Prometheus text exposition format 0.0.4, written by hand: a few counters need no client library.</summary>
    public static string PrometheusText(IngestStatistics stats, Quarantine quarantine, SequenceTracker sequences)
    {
        var text = new StringBuilder(2048);
        Counter(text, "lustrac_ingest_messages_stored_total", "Reading messages the store accepted.", stats.MessagesStored);
        Counter(text, "lustrac_ingest_readings_stored_total", "Readings the store accepted.", stats.ReadingsStored);
        Header(text, "lustrac_ingest_quarantined_total", "Messages refused and kept in the quarantine, by reason category.", "counter");
        var counts = quarantine.ByCategory;
        foreach (var category in RefusalCategory.All.Union(counts.Keys).Order(StringComparer.Ordinal))
            Sample(text, "lustrac_ingest_quarantined_total", counts.GetValueOrDefault(category), category);
        Counter(text, "lustrac_ingest_store_failures_total", "Store writes that failed (each retried, nothing acknowledged before success).", stats.StoreFailures);
        Counter(text, "lustrac_ingest_sequence_gaps_total", "Sequence numbers skipped by devices and not (yet) arrived late.", sequences.Missing);
        Counter(text, "lustrac_ingest_sequence_duplicates_total", "Messages whose sequence number was already seen (stored again idempotently).", sequences.Duplicates);
        Counter(text, "lustrac_ingest_sequence_late_total", "Messages that arrived after a higher sequence number, filling a gap.", sequences.Late);
        Counter(text, "lustrac_ingest_sequence_restarts_total", "Devices whose sequence restarted far below the highest seen.", sequences.Restarts);
        Gauge(text, "lustrac_broker_connected", "1 while ingest is connected to the MQTT broker.", stats.BrokerConnected ? 1 : 0);
        Gauge(text, "lustrac_store_healthy", "1 while the last store operation succeeded.", stats.StoreHealthy ? 1 : 0);
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, help, "counter");
        Sample(text, name, value, null);
    }

    private static void Gauge(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, help, "gauge");
        Sample(text, name, value, null);
    }

    private static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    // Category values are our own constants (lower-case letters and '_'), so label values need no escaping.
    private static void Sample(StringBuilder text, string name, long value, string? category)
    {
        text.Append(name);
        if (category is not null) text.Append("{category=\"").Append(category).Append("\"}");
        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
