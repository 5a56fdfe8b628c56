using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lustrac.Energy.Server.Api;

/// <summary>The live view (<c>/api/live</c>), device states (<c>/api/devices</c>), the quarantine and <c>/health</c>.</summary>
public static class LiveEndpoints
{
    public static void MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/live", GetLive);
        api.MapGet("/quarantine", GetQuarantine);
        api.MapGet("/devices", GetDevices);
        app.MapGet("/health", GetHealth).Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
    }

    public static Ok<LiveResponse> GetLive(SiteModel site, LiveReadings live, DeviceStatusBoard statuses, TimeProvider clock, Viewer viewer, PrivacyPolicy privacy)
    {
        var devices = live.Snapshot()
            .Where(r => privacy.MaySeeLiveDevice(viewer, r.Household))
            .GroupBy(r => r.Device)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First();
                return new LiveDeviceJson(g.Key, first.Gateway, first.Role, first.Household, first.Asset, statuses.For(g.Key)?.State,
                    g.OrderBy(r => r.Quantity, StringComparer.Ordinal)
                        .Select(r => new LiveReadingJson(r.Quantity, r.Value, r.Unit, r.Quality.ToWire(), ReadingCodec.FormatTime(r.Time))));
            });
        return TypedResults.Ok(new LiveResponse(site.Site.Id, ReadingCodec.FormatTime(clock.GetUtcNow()), devices));
    }

    [OperatorOnly] // payloads hold any household's readings
    public static Ok<QuarantineResponse> GetQuarantine(Quarantine quarantine) => TypedResults.Ok(new QuarantineResponse(quarantine.Total,
        quarantine.Recent().Select(q => new QuarantinedJson(ReadingCodec.FormatTime(q.ReceivedAt), q.Topic, q.Category, q.Reason, q.PayloadExcerpt))));

    /// <summary>
    /// A device's state, no reading: the home itself and the operator (who keeps devices running, and gets the same
    /// facts from the silence alerts); never a shared screen or another household.
    /// </summary>
    public static Ok<IEnumerable<DeviceStateJson>> GetDevices(DeviceStatusBoard statuses, SiteModel site, Viewer viewer, PrivacyPolicy privacy) =>
        TypedResults.Ok(statuses.All()
            .Select(s => (Status: s, Device: site.FindDevice(s.Device)))
            .Where(x => x.Device is not null && privacy.MaySeeDeviceStatus(viewer, x.Device.Household))
            .OrderBy(x => x.Status.Device, StringComparer.Ordinal)
            .Select(x => new DeviceStateJson(x.Status.Device, x.Status.Gateway, x.Device!.Role, x.Device.Household, x.Device.Asset,
                x.Status.State, x.Status.Since, x.Status.Error, x.Status.ConsecutiveFailures)));

    public static Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>> GetHealth(
        IngestStatistics stats, Quarantine quarantine, SequenceTracker sequences, StoreReadiness store)
    {
        var healthy = stats.BrokerConnected && stats.StoreHealthy && store.IsReady;
        var body = new HealthResponse(healthy ? "ok" : "degraded", stats.BrokerConnected, store.IsReady, stats.StoreHealthy,
            stats.StoreHealthy ? null : stats.LastStoreError, stats.MessagesStored, stats.ReadingsStored, quarantine.Total,
            stats.StoreFailures, sequences.Missing, sequences.Duplicates,
            stats.LastStoredAt is { } t ? ReadingCodec.FormatTime(t) : null);
        return healthy ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
