using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Lustrac.Energy.Server.Privacy;

namespace Lustrac.Energy.Server.WallScreen;

public static class ScreenEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Without a reading, the stream still sends a snapshot this often, so a screen can tell a quiet site from a dead link.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    /// <summary>Readings of one MQTT message arrive back to back; waiting this long sends them as one event.</summary>
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(15);

    public static IServiceCollection AddWallScreen(this IServiceCollection services)
    {
        services.AddSingleton<TodayBalance>();
        services.TryAddSingleton<Figures.EngineToday>();
        services.AddSingleton<TankWatch>();
        services.AddSingleton<ScreenChanges>();
        services.AddSingleton<ScreenSnapshotBuilder>();
        return services;
    }

    public static void MapWallScreen(this IEndpointRouteBuilder app)
    {
        // Subscribe at start, so today's tallies begin with the first reading rather than the first screen.
        app.ServiceProvider.GetRequiredService<ScreenChanges>();
        var api = app.MapGroup("/api");
        // A group's own path is mapped on its parent: MapGet("") under the group would give the route a trailing slash.
        api.MapGet("/screen", GetSnapshot).Produces<ScreenSnapshot>();
        api.MapGroup("/screen").MapGet("/stream", StreamAsync).Produces<string>(StatusCodes.Status200OK, "text/event-stream");
        app.MapGet("/screen", ToPage).Produces(StatusCodes.Status302Found);
    }

    /// <summary>The wall screen page is the site root; /screen is kept for links printed before.</summary>
    public static RedirectHttpResult ToPage() => TypedResults.Redirect("/");

    public static JsonHttpResult<ScreenSnapshot> GetSnapshot(Viewer viewer, ScreenSnapshotBuilder builder) => TypedResults.Json(builder.Build(viewer), Json);

    /// <summary>Server-Sent Events: one "snapshot" event per change of the live readings, and one per heartbeat.</summary>
    public static async Task StreamAsync(HttpContext context, Viewer viewer, ScreenSnapshotBuilder builder, ScreenChanges changes,
        HouseholdTokenStore tokens, IHostApplicationLifetime lifetime)
    {
        // Ends with the screen or with the server, so a stopping server does not wait for its screens.
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = both.Token;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var token = PrivacyMiddleware.TokenOf(context.Request);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var revoked = tokens.ChangedAsync();
                // A token revoked while the screen is open ends its stream at once; the page's reconnection gets 401.
                if (token is not null && tokens.PrincipalOf(token) is null) break;
                var next = changes.NextAsync();
                var json = JsonSerializer.Serialize(builder.Build(viewer), Json);
                await context.Response.WriteAsync($"event: snapshot\ndata: {json}\n\n", ct);
                await context.Response.Body.FlushAsync(ct);
                var woke = await Task.WhenAny(next, revoked, Task.Delay(Heartbeat, ct));
                if (woke == next) await Task.Delay(Coalesce, ct);
            }
        }
        catch (OperationCanceledException) { /* the screen went away */ }
    }
}
