using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// Prepares both stores (readings and results: tables, database, retention policies) once at start-up, retrying with
/// back-off while the store is unreachable, and tells everyone else when that is done: ingest and the figures wait for
/// it, and <see cref="StoreReadinessMiddleware"/> answers the API with 503 until then. Before this, a request that came
/// in before the results tables existed answered 500 ("no such table").
/// </summary>
public sealed class StoreReadiness(IReadingStore readings, IAutonomyStore results, IngestStatistics stats, TimeProvider clock, ILogger<StoreReadiness> log)
    : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Why the store is not ready yet (its last error), or null while the first attempt runs.</summary>
    public string? LastError { get; private set; }

    public Task WaitAsync(CancellationToken ct) => _ready.Task.WaitAsync(ct);

    /// <summary>
    /// A first attempt before the web server starts listening (hosted services start before it), so a server whose
    /// store is up never answers 503; a store that is down or slow only delays start-up by <see cref="FirstAttempt"/>.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var first = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        first.CancelAfter(FirstAttempt);
        await TryOnceAsync(first.Token).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public static readonly TimeSpan FirstAttempt = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!IsReady && !stoppingToken.IsCancellationRequested)
        {
            log.LogWarning("Store not ready ({Error}); retrying in {Delay} s", LastError, delay.TotalSeconds);
            await Task.Delay(delay, clock, stoppingToken).ConfigureAwait(false);
            delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            await TryOnceAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task TryOnceAsync(CancellationToken ct)
    {
        try
        {
            await readings.InitialiseAsync(ct).ConfigureAwait(false);
            await results.InitialiseAsync(ct).ConfigureAwait(false);
            LastError = null;
            _ready.TrySetResult();
        }
        catch (Exception ex) // a first attempt cut at FirstAttempt, a store that refuses: retried by ExecuteAsync
        {
            LastError = ex is OperationCanceledException ? $"no answer within {FirstAttempt.TotalSeconds} s" : ex.Message;
            stats.StoreFailed(LastError);
        }
    }
}

/// <summary>Until the stores are prepared, /api answers 503 with the reason and a Retry-After, never a 500.</summary>
public sealed class StoreReadinessMiddleware(RequestDelegate next, StoreReadiness readiness)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (readiness.IsReady || !context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        var why = readiness.LastError is null ? "" : $" (last attempt: {readiness.LastError})";
        await context.Response.WriteAsJsonAsync(new { error = $"the server is still preparing its store{why}; try again in a few seconds" });
    }
}
