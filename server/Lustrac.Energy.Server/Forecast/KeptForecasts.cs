using Lustrac.Energy.Autonomy.Forecast;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Forecast;

/// <summary>One interval of a kept morning forecast: household null = the neighbourhood. Issued: when it was computed.</summary>
public sealed record KeptForecastRow(DateTime StartUtc, string? Household, double ProductionKwh, double ProductionLowKwh,
    double ProductionHighKwh, double ConsumptionKwh, double? SelfSufficiency, DateTime IssuedUtc);

/// <summary>
/// The <c>forecast_interval</c> measurement (SQLite table, InfluxDB measurement) through the results seam: each local
/// day's morning forecast of that day, kept so it can be scored against what the meters measured once the day is closed.
/// </summary>
public sealed class KeptForecasts(StoredResults stored)
{
    public static readonly MeasurementSchema<KeptForecastRow> Schema = new("forecast_interval",
    [
        new("scope", ColumnKind.Tag, r => r.Household is null ? AutonomyScope.Neighbourhood : AutonomyScope.Household),
        new("household", ColumnKind.Tag, r => r.Household ?? ""),
        new("production_kwh", ColumnKind.Float, r => r.ProductionKwh),
        new("production_low_kwh", ColumnKind.Float, r => r.ProductionLowKwh),
        new("production_high_kwh", ColumnKind.Float, r => r.ProductionHighKwh),
        new("consumption_kwh", ColumnKind.Float, r => r.ConsumptionKwh),
        new("self_sufficiency", ColumnKind.Float, r => r.SelfSufficiency),
        new("issued_at_ms", ColumnKind.Integer, r => (long)(r.IssuedUtc - DateTime.UnixEpoch).TotalMilliseconds),
    ], r => r.StartUtc, s => new KeptForecastRow(s.TimeUtc, s.Text("household") is { Length: > 0 } h ? h : null,
        s.Float("production_kwh") ?? 0, s.Float("production_low_kwh") ?? 0, s.Float("production_high_kwh") ?? 0,
        s.Float("consumption_kwh") ?? 0, s.Float("self_sufficiency"), DateTime.UnixEpoch.AddMilliseconds(s.Integer("issued_at_ms") ?? 0)));

    /// <summary>Keeps the intervals of <paramref name="forecast"/> in [fromUtc, toUtc), every scope, over what was kept there.</summary>
    public Task KeepAsync(ForecastResult forecast, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var rows = new[] { forecast.Neighbourhood }.Concat(forecast.Households)
            .SelectMany(s => s.Intervals.Where(i => i.StartUtc >= fromUtc && i.StartUtc < toUtc).Select(i => new KeptForecastRow(
                i.StartUtc, s.Household, i.Production, i.ProductionLow, i.ProductionHigh, i.Consumption, i.SelfSufficiency, forecast.IssuedUtc)))
            .ToArray();
        return stored.Rows.ReplaceAsync([new RangeReplacement(Schema.Points(rows), fromUtc, toUtc)], false, ct);
    }

    public Task<IReadOnlyList<KeptForecastRow>> ReadAsync(string? household, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        stored.Rows.ReadAsync(Schema.Name, household is null
            ? [new("scope", AutonomyScope.Neighbourhood), new("household", "")]
            : [new("scope", AutonomyScope.Household), new("household", household)], fromUtc, toUtc, Schema.Read, ct);

    /// <summary>Whether a forecast was kept for the neighbourhood in [fromUtc, toUtc) (a restart must not replace the morning's).</summary>
    public async Task<bool> AnyAsync(DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        (await ReadAsync(null, fromUtc, toUtc, ct).ConfigureAwait(false)).Count > 0;
}
