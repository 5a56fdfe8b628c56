namespace Lustrac.Energy.Server.Forecast;

/// <summary>
/// Once the store is ready, asks <see cref="MorningForecast"/> once a minute whether the day's forecast is due to be kept.
/// Failures retry at the next minute: the history is still there.
/// </summary>
public sealed class ForecastKeeping(MorningForecast morning, TimeProvider clock, Storage.StoreReadiness readiness, ILogger<ForecastKeeping> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await readiness.WaitAsync(stoppingToken).ConfigureAwait(false); }
        catch (OperationCanceledException) { return; }
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await morning.KeepIfDueAsync(stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning("Keeping the morning forecast failed ({Error}); retrying in a minute", e.Message); }
            try { await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }
}
