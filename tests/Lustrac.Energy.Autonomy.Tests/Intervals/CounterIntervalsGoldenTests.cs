using Lustrac.Energy.Autonomy.Intervals;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Intervals;

public class CounterIntervalsGoldenTests
{
    private static readonly IntervalGrid TenToNoon = new(Utc(2026, 6, 1, 10), 8);

    /// <summary>Readings every 5 min, +0.1 kWh each, 10:00 (100.0) to 10:50 (101.0); nothing until 11:50 (103.4), 11:55 (103.5), 12:00 (103.6).</summary>
    private static List<CounterSample> MissingHour()
    {
        var samples = new List<CounterSample>();
        for (int i = 0; i <= 10; i++) samples.Add(S(Utc(2026, 6, 1, 10, 5 * i), 100.0 + 0.1 * i));
        samples.Add(S(Utc(2026, 6, 1, 11, 50), 103.4));
        samples.Add(S(Utc(2026, 6, 1, 11, 55), 103.5));
        samples.Add(S(Utc(2026, 6, 1, 12, 0), 103.6));
        return samples;
    }

    [Fact]
    public void A_missing_hour_is_spread_linearly_and_energy_is_conserved()
    {
        var r = CounterIntervals.Compute("h01/energy_import", MissingHour(), TenToNoon).Intervals;

        Near(0.3, r[0].Value); // 100.3 − 100.0
        Near(0.3, r[1].Value); // 100.6 − 100.3
        Near(0.3, r[2].Value); // 100.9 − 100.6
        Near(0.5, r[3].Value); // 11:00 = 101.0 + 2.4·10/60 = 101.4; 101.4 − 100.9
        Near(0.6, r[4].Value); // 11:15 = 101.0 + 2.4·25/60 = 102.0; 102.0 − 101.4
        Near(0.6, r[5].Value); // 11:30 = 101.0 + 2.4·40/60 = 102.6
        Near(0.6, r[6].Value); // 11:45 = 101.0 + 2.4·55/60 = 103.2
        Near(0.4, r[7].Value); // 103.6 (reading at 12:00) − 103.2
        Assert.Equal(
            [IntervalQuality.Measured, IntervalQuality.Measured, IntervalQuality.Measured,
             IntervalQuality.Interpolated, IntervalQuality.Interpolated, IntervalQuality.Interpolated, IntervalQuality.Interpolated, IntervalQuality.Interpolated],
            r.Select(v => v.Quality));
        Near(103.6 - 100.0, r.Sum(v => v.Value)); // telescopes: nothing lost, nothing added
    }

    [Fact]
    public void A_boundary_with_no_reading_on_one_side_is_missing_not_zero()
    {
        var grid = new IntervalGrid(Utc(2026, 6, 1, 9, 30), 4); // 09:30–10:30; first reading at 10:00
        var r = CounterIntervals.Compute("x", MissingHour(), grid).Intervals;
        Assert.Null(r[0].Value);
        Assert.Equal(IntervalQuality.Missing, r[1].Quality);
        Near(0.3, r[2].Value);
        var after = CounterIntervals.Compute("x", MissingHour(), new IntervalGrid(Utc(2026, 6, 1, 11, 45), 2)).Intervals;
        Near(0.4, after[0].Value); // 103.6 − 103.2
        Assert.Equal(IntervalValue.Missing, after[1]); // 12:15 has no reading after it
    }

    [Fact]
    public void A_counter_reset_loses_only_the_interval_it_falls_in_and_is_recorded_as_an_event()
    {
        // Gateway restarted between 10:10 and 10:15 and lost its pulse count: 50.2 then 0.05.
        var samples = new[]
        {
            S(Utc(2026, 6, 1, 10, 0), 50.0), S(Utc(2026, 6, 1, 10, 5), 50.1), S(Utc(2026, 6, 1, 10, 10), 50.2),
            S(Utc(2026, 6, 1, 10, 15), 0.05), S(Utc(2026, 6, 1, 10, 20), 0.15), S(Utc(2026, 6, 1, 10, 25), 0.25),
            S(Utc(2026, 6, 1, 10, 30), 0.35), S(Utc(2026, 6, 1, 10, 45), 0.65),
        };
        var result = CounterIntervals.Compute("h01/pulses", samples, new IntervalGrid(Utc(2026, 6, 1, 10), 3));

        Assert.Equal(IntervalValue.Missing, result.Intervals[0]); // 10:00 is 50.0 (old counter), 10:15 is 0.05 (new): no difference is honest
        Near(0.30, result.Intervals[1].Value); // 0.35 − 0.05
        Near(0.30, result.Intervals[2].Value); // 0.65 − 0.35
        Assert.Equal(IntervalQuality.Measured, result.Intervals[1].Quality);
        var e = Assert.Single(result.Events);
        Assert.Equal(new CounterEvent("h01/pulses", CounterEventKind.Decrease, Utc(2026, 6, 1, 10, 10), 50.2, Utc(2026, 6, 1, 10, 15), 0.05), e);
        Assert.All(result.Intervals, v => Assert.True(v.Value is null or >= 0));
    }

    [Fact]
    public void A_meter_replacement_gives_missing_intervals_over_the_swap_and_no_spike()
    {
        // Old meter last read 5230.40 at 14:05; new meter (second-hand, already at 12.00) first read at 14:40.
        // A "new value − 0" rule would book a 12 kWh spike; this one books nothing it cannot bound.
        var samples = new[]
        {
            S(Utc(2026, 6, 1, 13, 45), 5230.00), S(Utc(2026, 6, 1, 14, 0), 5230.30), S(Utc(2026, 6, 1, 14, 5), 5230.40),
            S(Utc(2026, 6, 1, 14, 40), 12.00), S(Utc(2026, 6, 1, 14, 45), 12.10), S(Utc(2026, 6, 1, 15, 0), 12.40),
        };
        var r = CounterIntervals.Compute("h07/energy_import", samples, new IntervalGrid(Utc(2026, 6, 1, 13, 45), 5));

        Near(0.30, r.Intervals[0].Value); // 13:45–14:00: 5230.30 − 5230.00
        Assert.Equal(IntervalValue.Missing, r.Intervals[1]); // 14:00–14:15: 14:15 lies between 14:05 (old meter) and 14:40 (new meter)
        Assert.Equal(IntervalValue.Missing, r.Intervals[2]); // 14:15–14:30: both boundaries in the swap
        Assert.Equal(IntervalValue.Missing, r.Intervals[3]); // 14:30–14:45: 14:30 in the swap
        Near(0.30, r.Intervals[4].Value); // 14:45–15:00 on the new meter: 12.40 − 12.10
        var e = Assert.Single(r.Events);
        Assert.Equal((CounterEventKind.Decrease, 5230.40, 12.00), (e.Kind, e.BeforeValue, e.AfterValue));
    }

    [Fact]
    public void A_replacement_meter_that_starts_higher_is_caught_by_the_rate_ceiling()
    {
        // Old meter at 120.0, new one already at 4500.0 ten minutes later: +4380 kWh in 10 min is impossible on a 15 kWh/h supply.
        var samples = new[]
        {
            S(Utc(2026, 6, 1, 10, 0), 119.8), S(Utc(2026, 6, 1, 10, 10), 120.0),
            S(Utc(2026, 6, 1, 10, 20), 4500.0), S(Utc(2026, 6, 1, 10, 30), 4500.4), S(Utc(2026, 6, 1, 10, 45), 4500.9),
        };
        var options = new IntervalOptions { MaxRatePerHour = 15 };
        var r = CounterIntervals.Compute("h02/energy_import", samples, new IntervalGrid(Utc(2026, 6, 1, 10), 3), options);

        Assert.Equal(IntervalValue.Missing, r.Intervals[0]); // 10:15 lies in the swap
        Assert.Equal(IntervalValue.Missing, r.Intervals[1]);
        Near(0.5, r.Intervals[2].Value); // 4500.9 − 4500.4
        Assert.Equal(CounterEventKind.ImplausibleIncrease, Assert.Single(r.Events).Kind);
        var unchecked_ = CounterIntervals.Compute("h02/energy_import", samples, new IntervalGrid(Utc(2026, 6, 1, 10), 3));
        Assert.True(unchecked_.Intervals[0].Value > 1000); // without the ceiling the swap would be booked as a spike: the option matters
    }

    [Fact]
    public void A_duplicated_shuffled_replay_gives_identical_results()
    {
        var original = MissingHour();
        var replay = original.Concat(original).Concat(original.Take(5)).OrderBy(_ => Random.Shared.Next()).ToList();
        var a = CounterIntervals.Compute("x", original, TenToNoon);
        var b = CounterIntervals.Compute("x", replay, TenToNoon);
        Assert.Equal(a.Intervals, b.Intervals);
        Assert.Equal(a.Events, b.Events);
    }

    [Fact]
    public void A_rewritten_reading_wins_by_revision_whatever_the_order_it_arrives_in()
    {
        var samples = MissingHour();
        var correction = S(Utc(2026, 6, 1, 10, 15), 100.35, rev: 2); // original 100.3 has revision 0
        foreach (var ordered in new[] { samples.Append(correction), samples.Prepend(correction) })
        {
            var r = CounterIntervals.Compute("x", ordered, TenToNoon).Intervals;
            Near(0.35, r[0].Value); // 100.35 − 100.0
            Near(0.25, r[1].Value); // 100.6 − 100.35
        }
    }

    [Fact]
    public void Bad_readings_are_ignored_and_uncertain_ones_downgrade_to_interpolated()
    {
        var samples = MissingHour();
        samples.Add(S(Utc(2026, 6, 1, 10, 7), 999.0, SampleQuality.Bad));
        var r = CounterIntervals.Compute("x", samples, TenToNoon).Intervals;
        Near(0.3, r[0].Value);
        Near(0.3, r[1].Value);

        samples[3] = samples[3] with { Quality = SampleQuality.Uncertain }; // 10:15
        var u = CounterIntervals.Compute("x", samples, TenToNoon).Intervals;
        Near(0.3, u[0].Value);
        Assert.Equal(IntervalQuality.Interpolated, u[0].Quality);
        Assert.Equal(IntervalQuality.Interpolated, u[1].Quality);
        Assert.Equal(IntervalQuality.Measured, u[2].Quality);
    }

    [Fact]
    public void Thirty_minute_intervals_are_aligned_on_utc_half_hours()
    {
        var r = CounterIntervals.Compute("x", MissingHour(), new IntervalGrid(Utc(2026, 6, 1, 10), 4, 30)).Intervals;
        Near(0.6, r[0].Value); // 100.6 − 100.0
        Near(0.8, r[1].Value); // 11:00 = 101.4; 101.4 − 100.6
        Near(1.2, r[2].Value); // 11:30 = 102.6
        Near(1.0, r[3].Value); // 103.6 − 102.6
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalGrid(Utc(2026, 6, 1, 10), 4, 7));
        Assert.Throws<ArgumentException>(() => new IntervalGrid(Utc(2026, 6, 1, 10, 15), 4, 30));
    }
}
