using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Export;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.Figures;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary>The CSV of <c>/api/autonomy.csv</c>: one line per period, the same figures as the JSON, with its counter events in words.</summary>
public static class AutonomyCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The media type the OpenAPI description lists for every CSV answer.</summary>
    public const string MediaType = "text/csv";

    /// <param name="events">Counter events of the range: each period lists those overlapping it.</param>
    public static string Energy(IEnumerable<Rollup<EnergyParts>> periods, IReadOnlyList<CounterEventRow>? events = null) => Csv.Write(periods,
    [
        ("start_utc", r => r.StartUtc),
        ("end_utc", r => r.EndUtc),
        ("consumption_kwh", r => r.Present > 0 ? r.Sum.Consumption : null),
        ("production_kwh", r => r.Present > 0 ? r.Sum.Production : null),
        ("allocated_kwh", r => r.Present > 0 ? r.Sum.Allocated : null),
        ("import_kwh", r => r.Present > 0 ? r.Sum.Import : null),
        ("export_kwh", r => r.Present > 0 ? r.Sum.Export : null),
        ("self_consumed_kwh", r => r.Present > 0 ? r.Sum.SelfConsumed : null),
        ("self_sufficiency", r => r.Present > 0 ? r.Sum.SelfSufficiency : null),
        ("self_consumption", r => r.Present > 0 ? r.Sum.SelfConsumption : null),
        ("coverage", r => r.Coverage),
        ("intervals_expected", r => r.Expected),
        ("intervals_measured", r => r.Measured),
        ("intervals_interpolated", r => r.Interpolated),
        ("intervals_estimated", r => r.Estimated),
        ("intervals_missing", r => r.Missing),
        ("meter_coverage", r => r.MeterCoverage),
        ("counter_events", r => CounterEvents.Text((events ?? []).Where(e => e.Overlaps(r.StartUtc, r.EndUtc)))),
    ]);
}
