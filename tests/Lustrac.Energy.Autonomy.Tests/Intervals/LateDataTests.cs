using Lustrac.Energy.Autonomy.Intervals;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Intervals;

public class LateDataTests
{
    private static readonly IntervalGrid Grid = new(Utc(2026, 6, 1, 8), 24);

    [Fact]
    public void A_late_reading_inside_an_offline_gap_touches_the_intervals_between_its_stored_neighbours()
    {
        // Stored: 09:00 and 11:00 (gateway offline between, intervals interpolated). Late: 10:05.
        var existing = new[] { S(Utc(2026, 6, 1, 8, 55), 1), S(Utc(2026, 6, 1, 9, 0), 2), S(Utc(2026, 6, 1, 11, 0), 4), S(Utc(2026, 6, 1, 11, 5), 5) };
        var touched = LateData.TouchedIntervals(existing, [S(Utc(2026, 6, 1, 10, 5), 3)], Grid);
        // 09:00 → index 4, last interval starting before 11:00 is 10:45 → index 11: 8 intervals.
        Assert.Equal([new IntervalRange(4, 8)], touched);
    }

    [Fact]
    public void Bad_stored_readings_are_not_neighbours_and_batches_merge_into_ranges()
    {
        var existing = new[] { S(Utc(2026, 6, 1, 9, 0), 2), S(Utc(2026, 6, 1, 9, 40), 99, SampleQuality.Bad), S(Utc(2026, 6, 1, 10, 0), 4) };
        var touched = LateData.TouchedIntervals(existing, [S(Utc(2026, 6, 1, 9, 20), 3), S(Utc(2026, 6, 1, 9, 50), 3.5)], Grid);
        Assert.Equal([new IntervalRange(4, 4)], touched); // both readings sit between 09:00 and 10:00 → 09:00–10:00
    }
}
