using Lustrac.Energy.Autonomy.Intervals;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Intervals;

public class PowerEstimateTests
{
    private static readonly IntervalGrid TenToHalfPast = new(Utc(2026, 6, 1, 10), 2);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private static PowerSample P(int minute, double watts) => new(Utc(2026, 6, 1, 10).AddMinutes(minute), watts);

    [Fact]
    public void Power_is_integrated_by_trapezoid_and_split_into_import_and_export_at_zero()
    {
        PowerSample[] readings =
        [
            P(0, 2000), P(5, 2000), P(10, 1000), P(15, 1000), // first interval: importing
            P(20, -1000), P(25, -1000), P(30, -1000),          // second: the line crosses 0 W at 10:17:30, then exports
        ];
        var r = PowerEstimate.Compute(readings, TenToHalfPast, FiveMinutes);

        // 10:00–10:05 2000 W · 5/60 h = 166.667 Wh; 10:05–10:10 (2000+1000)/2 · 5/60 = 125 Wh; 10:10–10:15 1000 · 5/60 = 83.333 Wh
        Near(0.375, r[0]!.Value.Import);
        Near(0, r[0]!.Value.Export);
        // 10:15–10:17:30 triangle 1000/2 · 2.5/60 = 20.833 Wh import; 10:17:30–10:20 the same, exported;
        // 10:20–10:30 1000 · 10/60 = 166.667 Wh exported: 187.5 Wh
        Near(1.0 / 48, r[1]!.Value.Import); // 20.833 Wh = 1/48 kWh
        Near(0.1875, r[1]!.Value.Export);
    }

    [Fact]
    public void At_an_edge_power_is_read_on_the_line_between_the_readings_around_it()
    {
        // 10:00 lies 2 min into 09:58 (0 W) → 10:03 (3000 W): 1200 W. 10:15 lies between two 3000 W readings.
        PowerSample[] readings = [P(-2, 0), P(3, 3000), P(8, 3000), P(13, 3000), P(18, 3000)];
        var r = PowerEstimate.Compute(readings, new IntervalGrid(Utc(2026, 6, 1, 10), 1), FiveMinutes);

        // 10:00–10:03 (1200+3000)/2 · 3/60 = 105 Wh; 10:03–10:13 3000 · 10/60 = 500 Wh; 10:13–10:15 3000 · 2/60 = 100 Wh
        Near(0.705, r[0]!.Value.Import);
    }

    [Fact]
    public void Consecutive_intervals_add_up_to_the_integral_over_their_span()
    {
        PowerSample[] readings = [P(-1, 500), P(4, 1500), P(9, -700), P(14, 900), P(19, 300), P(24, -300), P(29, 100), P(31, 200)];
        var r = PowerEstimate.Compute(readings, TenToHalfPast, FiveMinutes);
        var whole = PowerEstimate.Compute(readings, new IntervalGrid(Utc(2026, 6, 1, 10), 1, 30), FiveMinutes);

        Near(whole[0]!.Value.Import, r[0]!.Value.Import + r[1]!.Value.Import);
        Near(whole[0]!.Value.Export, r[0]!.Value.Export + r[1]!.Value.Export);
    }

    [Fact]
    public void An_interval_is_estimated_only_when_readings_at_most_the_maximum_gap_apart_span_it()
    {
        // First interval: a 6-minute hole (10:04–10:10). Second: nothing after 10:28, so its end is not covered.
        PowerSample[] readings = [P(0, 1000), P(4, 1000), P(10, 1000), P(15, 1000), P(20, 1000), P(25, 1000), P(28, 1000)];
        var r = PowerEstimate.Compute(readings, TenToHalfPast, FiveMinutes);
        Assert.Null(r[0]);
        Assert.Null(r[1]);

        // Readings exactly 5 minutes apart are enough; none before the start is not.
        Assert.NotNull(PowerEstimate.Compute([P(0, 1), P(5, 1), P(10, 1), P(15, 1)], TenToHalfPast, FiveMinutes)[0]);
        Assert.Null(PowerEstimate.Compute([P(1, 1), P(5, 1), P(10, 1), P(15, 1)], TenToHalfPast, FiveMinutes)[0]);
    }

    [Fact]
    public void The_order_of_readings_does_not_matter()
    {
        PowerSample[] readings = [P(0, 2000), P(5, 2000), P(10, 1000), P(15, 1000), P(20, -1000), P(25, -1000), P(30, -1000)];
        var sorted = PowerEstimate.Compute(readings, TenToHalfPast, FiveMinutes);
        var shuffled = PowerEstimate.Compute(readings.Reverse().Concat([P(10, 1000)]), TenToHalfPast, FiveMinutes);
        Assert.Equal(sorted, shuffled);
    }

    [Fact]
    public void Only_missing_counter_intervals_are_filled_and_they_say_estimated()
    {
        IntervalValue[] counter = [IntervalValue.Measured(0.4), IntervalValue.Missing, IntervalValue.Missing];
        PowerEnergy?[] estimates = [new PowerEnergy(9, 9), new PowerEnergy(0.25, 0.05), null];

        var import = PowerEstimate.Fill(counter, estimates, e => e.Import);
        var export = PowerEstimate.Fill(counter, estimates, e => e.Export);

        Assert.Equal(IntervalValue.Measured(0.4), import[0]); // the counter had a value: power does not replace it
        Assert.Equal(new IntervalValue(0.25, IntervalQuality.Estimated), import[1]);
        Assert.Equal(new IntervalValue(0.05, IntervalQuality.Estimated), export[1]);
        Assert.Equal(IntervalValue.Missing, import[2]); // no power covering it: stays missing
    }
}
