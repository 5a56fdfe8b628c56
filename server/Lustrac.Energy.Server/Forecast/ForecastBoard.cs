using Lustrac.Energy.Autonomy.Forecast;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Forecast;

/// <summary>
/// The current forecast, computed from the stored history at most once per canonical interval and per new closed
/// interval (it reads weeks of rows), shared by the API, the wall screen and the keeping service.
/// </summary>
public sealed class ForecastBoard(ForecastSource source, IAutonomyStore results, SitePlan plan, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTime Interval, DateTime? Latest, ForecastResult Result)? _current;

    public async Task<ForecastResult> CurrentAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var interval = new DateTime(now.Ticks - now.Ticks % plan.IntervalLength.Ticks, DateTimeKind.Utc);
        var latest = await results.LatestIntervalAsync(ct).ConfigureAwait(false);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_current is { } c && c.Interval == interval && c.Latest == latest) return c.Result;
            var result = await source.ComputeAsync(now, ct).ConfigureAwait(false);
            _current = (interval, latest, result);
            return result;
        }
        finally { _gate.Release(); }
    }
}
