using Lustrac.Energy.Autonomy.Forecast;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.Autonomy;

namespace Lustrac.Energy.Server.Forecast;

/// <summary>
/// Keeps each local day's morning forecast: the first forecast computed at or after <see cref="ForecastSettings.KeepFromLocalHour"/>
/// (06:00) once the store is ready, for that day's remaining intervals. A day already kept (a restart at noon) is left as
/// it is, so what is scored is what the morning said. Failures retry at the next minute: the history is still there.
/// </summary>
public sealed class ForecastKeeping(ForecastBoard board, KeptForecasts kept, SitePlan plan, ForecastSettings settings,
    TimeProvider clock, Storage.StoreReadiness readiness, ILogger<ForecastKeeping> log) : BackgroundService
{
    private DateOnly? _keptDay;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await readiness.WaitAsync(stoppingToken).ConfigureAwait(false); }
        catch (OperationCanceledException) { return; }
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await KeepIfDueAsync(stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning("Keeping the morning forecast failed ({Error}); retrying in a minute", e.Message); }
            try { await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <returns>True when a forecast was kept by this call.</returns>
    public async Task<bool> KeepIfDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var local = TimeZoneInfo.ConvertTimeFromUtc(now, plan.Zone);
        var today = DateOnly.FromDateTime(local);
        if (_keptDay == today || local.Hour < settings.KeepFromLocalHour) return false;
        var dayStart = LocalCalendar.StartUtc(today, plan.Zone);
        var dayEnd = LocalCalendar.StartUtc(today.AddDays(1), plan.Zone);
        if (!await kept.AnyAsync(dayStart, dayEnd, ct).ConfigureAwait(false))
        {
            var forecast = await board.CurrentAsync(ct).ConfigureAwait(false);
            await kept.KeepAsync(forecast, dayStart, dayEnd, ct).ConfigureAwait(false);
            _keptDay = today;
            return true;
        }
        _keptDay = today;
        return false;
    }
}
