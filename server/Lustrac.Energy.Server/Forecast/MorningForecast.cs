using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Forecast;

/// <summary>
/// Which forecast is kept and scored: the first computed at or after <see cref="ForecastSettings.KeepFromLocalHour"/>
/// (06:00) of each local day, for that day's intervals. A day already kept (a restart at noon) is left as it is, so what
/// is scored is what the morning said.
/// </summary>
public sealed class MorningForecast(ForecastBoard board, KeptForecasts kept, SitePlan plan, ForecastSettings settings, TimeProvider clock)
{
    private DateOnly? _keptDay;

    /// <returns>True when this call kept a forecast.</returns>
    public async Task<bool> KeepIfDueAsync(CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, plan.Zone);
        var today = DateOnly.FromDateTime(local);
        if (_keptDay == today || local.Hour < settings.KeepFromLocalHour) return false;
        DateTime dayStart = LocalCalendar.StartUtc(today, plan.Zone), dayEnd = LocalCalendar.StartUtc(today.AddDays(1), plan.Zone);
        bool keep = !await kept.AnyAsync(dayStart, dayEnd, ct).ConfigureAwait(false);
        if (keep) await kept.KeepAsync(await board.CurrentAsync(ct).ConfigureAwait(false), dayStart, dayEnd, ct).ConfigureAwait(false);
        _keptDay = today;
        return keep;
    }
}
