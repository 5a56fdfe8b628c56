using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// GET /api/alerts: open alerts (oldest first) and recently cleared ones (newest first). The operator sees every alert;
/// anyone else (a household token or a shared screen) only the residents' ones, which name shared assets and no
/// household: the others name devices such as a home's meter, and whether a home's meter is silent is not public.
/// </summary>
public static class AlertEndpoints
{
    public static void MapAlerts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", (Viewer viewer, AlertBook book, Lustrac.Energy.Protocol.Site.SiteModel site, TimeProvider clock) =>
        {
            bool Visible(AlertRecord a) => viewer.Kind == ViewerKind.Operator || a.Condition.Audience == AlertAudience.Residents;
            return Results.Json(new
            {
                site = site.Site.Id,
                generated_at = Protocol.Messages.ReadingCodec.FormatTime(clock.GetUtcNow()),
                scope = viewer.Kind == ViewerKind.Operator ? "all" : "residents",
                open = book.Open().Where(Visible).Select(AlertJson.Of),
                recent = book.Recent().Where(Visible).Select(AlertJson.Of),
            }, AlertJson.Options);
        });
    }

    /// <summary>The residents' open alerts, for the wall screen.</summary>
    public static IReadOnlyList<ScreenAlert> ForScreen(AlertBook? book) =>
        book?.Open().Where(a => a.Condition.Audience == AlertAudience.Residents)
            .Select(a => new ScreenAlert(a.Condition.Kind, a.Condition.Subject, a.Condition.Message, a.RaisedAt)).ToList() ?? [];
}

/// <summary>An alert as the wall screen shows it (residents' alerts only).</summary>
public sealed record ScreenAlert(string Kind, string Subject, string Message, DateTimeOffset Since);
