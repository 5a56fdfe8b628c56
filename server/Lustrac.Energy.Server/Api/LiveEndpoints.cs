using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.Server.Api;

public static class LiveEndpoints
{
    public static void MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/live", (SiteModel site, LiveReadings live, DeviceStatusBoard statuses, TimeProvider clock, Viewer viewer, PrivacyPolicy privacy) =>
        {
            var devices = live.Snapshot()
                .Where(r => privacy.MaySeeLiveDevice(viewer, r.Household))
                .GroupBy(r => r.Device)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var first = g.First();
                    var status = statuses.For(g.Key);
                    return new
                    {
                        device = g.Key,
                        gateway = first.Gateway,
                        role = first.Role,
                        household = first.Household,
                        asset = first.Asset,
                        status = status?.State,
                        readings = g.OrderBy(r => r.Quantity, StringComparer.Ordinal).Select(r => new
                        {
                            quantity = r.Quantity,
                            value = r.Value,
                            unit = r.Unit,
                            quality = r.Quality.ToWire(),
                            time = ReadingCodec.FormatTime(r.Time),
                        }),
                    };
                });
            return Results.Ok(new { site = site.Site.Id, generated_at = ReadingCodec.FormatTime(clock.GetUtcNow()), devices });
        });

        app.MapGet("/api/quarantine", (Quarantine quarantine) => Results.Ok(new
        {
            total = quarantine.Total,
            recent = quarantine.Recent().Select(q => new
            {
                received_at = ReadingCodec.FormatTime(q.ReceivedAt),
                topic = q.Topic,
                category = q.Category,
                reason = q.Reason,
                payload = q.PayloadExcerpt,
            }),
        })).RequireOperator(); // payloads hold any household's readings

        // A device's state, no reading: the home itself and the operator (who keeps devices running, and gets the same
        // facts from the silence alerts); never a shared screen or another household.
        app.MapGet("/api/devices", (DeviceStatusBoard statuses, SiteModel site, Viewer viewer, PrivacyPolicy privacy) =>
            Results.Ok(statuses.All()
                .Select(s => (Status: s, Device: site.FindDevice(s.Device)))
                .Where(x => x.Device is not null && privacy.MaySeeDeviceStatus(viewer, x.Device.Household))
                .OrderBy(x => x.Status.Device, StringComparer.Ordinal)
                .Select(x => new
                {
                    device = x.Status.Device,
                    gateway = x.Status.Gateway,
                    role = x.Device!.Role,
                    household = x.Device.Household,
                    asset = x.Device.Asset,
                    state = x.Status.State,
                    since = x.Status.Since,
                    error = x.Status.Error,
                    consecutive_failures = x.Status.ConsecutiveFailures,
                })));

        app.MapGet("/health", (IngestStatistics stats, Quarantine quarantine, SequenceTracker sequences, Storage.StoreReadiness store) =>
        {
            var healthy = stats.BrokerConnected && stats.StoreHealthy && store.IsReady;
            var body = new
            {
                status = healthy ? "ok" : "degraded",
                broker_connected = stats.BrokerConnected,
                store_ready = store.IsReady,
                store_healthy = stats.StoreHealthy,
                last_store_error = stats.StoreHealthy ? null : stats.LastStoreError,
                messages_stored = stats.MessagesStored,
                readings_stored = stats.ReadingsStored,
                quarantined = quarantine.Total,
                store_failures = stats.StoreFailures,
                sequence_missing = sequences.Missing,
                sequence_duplicates = sequences.Duplicates,
                last_stored_at = stats.LastStoredAt is { } t ? ReadingCodec.FormatTime(t) : null,
            };
            return healthy ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
