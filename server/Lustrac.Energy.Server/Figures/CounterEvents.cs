using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

/// <summary>
/// One row of <c>counter_event</c>: a counter event (reset or replacement, implausible jump, silence longer than the
/// maximum gap) that leaves the interval starting at <see cref="StartUtc"/> Missing, or, when
/// <see cref="EstimatedFromPower"/>, estimated from the meter's power instead. One row per interval it overlaps, so a
/// recomputation replaces the events of its range like every other figure.
/// </summary>
public sealed record CounterEventRow(DateTime StartUtc, string Device, string Quantity, CounterEventKind Kind,
    DateTime BeforeUtc, double BeforeValue, DateTime AfterUtc, double AfterValue, bool EstimatedFromPower = false)
{
    /// <summary>After <see cref="CounterEvents.Distinct"/>: how many intervals the event touches in the range, and how
    /// many of them were estimated from power.</summary>
    public int Intervals { get; init; } = 1;

    public int IntervalsEstimated { get; init; }

    public bool Overlaps(DateTime startUtc, DateTime endUtc) => BeforeUtc < endUtc && AfterUtc > startUtc;
}

public static class CounterEvents
{
    public static string WireName(CounterEventKind kind) => kind switch
    {
        CounterEventKind.Decrease => "reset_or_replacement",
        CounterEventKind.ImplausibleIncrease => "replacement_higher",
        _ => "gap_too_long",
    };

    public static CounterEventKind Parse(string? text) => text switch
    {
        "reset_or_replacement" => CounterEventKind.Decrease,
        "replacement_higher" => CounterEventKind.ImplausibleIncrease,
        _ => CounterEventKind.GapTooLong,
    };

    private static long Ms(DateTime t) => (t.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    public static readonly MeasurementSchema<CounterEventRow> Schema = new("counter_event",
    [
        new("device", ColumnKind.Tag, r => r.Device),
        new("quantity", ColumnKind.Tag, r => r.Quantity),
        new("kind", ColumnKind.Tag, r => WireName(r.Kind)),
        new("before_ms", ColumnKind.Integer, r => Ms(r.BeforeUtc)),
        new("before_value", ColumnKind.Float, r => r.BeforeValue),
        new("after_ms", ColumnKind.Integer, r => Ms(r.AfterUtc)),
        new("after_value", ColumnKind.Float, r => r.AfterValue),
        new("estimated_from_power", ColumnKind.Integer, r => r.EstimatedFromPower ? 1L : 0L),
    ], r => r.StartUtc, s => new CounterEventRow(s.TimeUtc, s.Text("device") ?? "", s.Text("quantity") ?? "", Parse(s.Text("kind")),
        SiteReadings.ToUtc(s.Integer("before_ms") ?? 0), s.Float("before_value") ?? 0, SiteReadings.ToUtc(s.Integer("after_ms") ?? 0), s.Float("after_value") ?? 0,
        s.Integer("estimated_from_power") == 1));

    /// <summary>The events of every counter the computation used, one row per grid interval each overlaps.</summary>
    public static List<CounterEventRow> Rows(CounterCache counters)
    {
        var grid = counters.Grid;
        var rows = new List<CounterEventRow>();
        foreach (var ((quantity, device), events) in counters.Events.OrderBy(e => e.Key))
            foreach (var e in events)
            {
                long first = Math.Max(0, grid.IndexOf(e.BeforeUtc)), last = Math.Min(grid.Count - 1, grid.IndexOf(e.AfterUtc));
                for (long k = first; k <= last; k++)
                    if (e.Overlaps(grid.BoundaryUtc((int)k), grid.BoundaryUtc((int)k + 1)))
                        rows.Add(new CounterEventRow(grid.BoundaryUtc((int)k), device, quantity, e.Kind, e.BeforeUtc, e.BeforeValue, e.AfterUtc, e.AfterValue,
                            counters.Of(quantity, device)[(int)k].Quality == IntervalQuality.Estimated));
            }
        return rows;
    }

    /// <summary>One entry per event (its rows merged), oldest first, for the API.</summary>
    public static IEnumerable<CounterEventRow> Distinct(IEnumerable<CounterEventRow> rows) =>
        rows.GroupBy(r => (r.Device, r.Quantity, r.Kind, r.BeforeUtc, r.AfterUtc)).Select(g => g.First() with
        {
            StartUtc = g.Min(r => r.StartUtc),
            EstimatedFromPower = g.All(r => r.EstimatedFromPower),
            Intervals = g.Count(),
            IntervalsEstimated = g.Count(r => r.EstimatedFromPower),
        })
            .OrderBy(r => r.BeforeUtc).ThenBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => r.Quantity, StringComparer.Ordinal);

    /// <summary>For the CSV: "device quantity kind before→after", with " estimated from power n/m" when some of its
    /// intervals were, several joined by "; ".</summary>
    public static string Text(IEnumerable<CounterEventRow> events) =>
        string.Join("; ", events.Select(e => $"{e.Device} {e.Quantity} {WireName(e.Kind)} {AutonomyQuery.Format(e.BeforeUtc)}→{AutonomyQuery.Format(e.AfterUtc)}" +
            (e.IntervalsEstimated > 0 ? FormattableString.Invariant($" estimated from power {e.IntervalsEstimated}/{e.Intervals}") : "")));
}
