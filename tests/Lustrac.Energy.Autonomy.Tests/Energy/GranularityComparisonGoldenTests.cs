using Lustrac.Energy.Autonomy.Energy;

namespace Lustrac.Energy.Autonomy.Tests.Energy;

/// <summary>
/// A hand-computed two-day history netted five ways. Winter in Paris (UTC+1): 12 January runs from 11 Jan 23:00 UTC,
/// 13 January from 12 Jan 23:00 UTC. Five 15-minute intervals with figures (C consumption, P production, kWh):
/// <code>
///   interval (UTC)       C   P   min(C,P)   hour (UTC)      day (Paris)
///   a 12 Jan 10:00       1   3   1          10h: C 3 P 3    12 Jan: C 7, P 3
///   b 12 Jan 10:15       2   0   0               → 3
///   c 12 Jan 18:00       4   0   0          18h: → 0
///   d 13 Jan 10:00       1   6   1          10h: → 1        13 Jan: C 4, P 6
///   e 13 Jan 19:00       3   0   0          19h: → 0
///   totals              11   9
/// </code>
/// Self-consumed: per interval 1+0+0+1+0 = 2; per hour 3+0+1+0 = 4 (a's surplus of 2 pays for b's 2 in the same hour);
/// per day min(7,3) + min(4,6) = 3+4 = 7 (noon's sun pays for the evening of the same day: c's 4 kWh at 19:00 local
/// get a's surplus, which really went to the grid); per month and year min(11, 9) = 9 (13 January's spare 2 kWh pay for
/// 12 January's evening, the day before they were produced). The real figure is the interval one: SS = 2/11 = 18.2 %;
/// daily netting says 63.6 %, more than three times as much, and monthly 81.8 %.
/// </summary>
public sealed class GranularityComparisonGoldenTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static DateTime Utc(int day, int hour, int minute) => new(2026, 1, day, hour, minute, 0, DateTimeKind.Utc);

    private static readonly IntervalFlows[] TwoDays =
    [
        new(Utc(13, 19, 0), 3, 0), // any order: the comparison sorts
        new(Utc(12, 10, 0), 1, 3),
        new(Utc(12, 10, 15), 2, 0),
        new(Utc(12, 18, 0), 4, 0),
        new(Utc(13, 10, 0), 1, 6),
    ];

    public static TheoryData<Netting, int, double, double, double> HandValues() => new()
    {
        // netting, steps, self-consumed kWh, self-sufficiency = self-consumed / 11, self-consumption = self-consumed / 9
        { Netting.Interval, 5, 2, 2.0 / 11, 2.0 / 9 },
        { Netting.Hour, 4, 4, 4.0 / 11, 4.0 / 9 },
        { Netting.Day, 2, 7, 7.0 / 11, 7.0 / 9 },
        { Netting.Month, 1, 9, 9.0 / 11, 1.0 },
        { Netting.Year, 1, 9, 9.0 / 11, 1.0 },
    };

    [Theory]
    [MemberData(nameof(HandValues))]
    public void Each_netting_of_the_two_days_gives_the_hand_values(Netting netting, int steps, double selfConsumed, double ss, double sc)
    {
        var result = GranularityComparison.Compare(TwoDays, Paris).Single(r => r.Netting == netting);
        Assert.Equal(steps, result.Steps);
        Assert.Equal(11, result.Consumption, 9);
        Assert.Equal(9, result.Production, 9);
        Assert.Equal(selfConsumed, result.SelfConsumed, 9);
        Assert.Equal(ss, result.SelfSufficiency!.Value, 9);
        Assert.Equal(sc, result.SelfConsumption!.Value, 9);
    }

    [Fact]
    public void Days_are_cut_at_Paris_midnight_not_UTC_midnight()
    {
        // 22:45 UTC is 12 January 23:45 in Paris; 23:30 UTC is 13 January 00:30: two days, nothing netted between them.
        IntervalFlows[] aroundMidnight = [new(Utc(12, 22, 45), 1, 0), new(Utc(12, 23, 30), 0, 1)];
        var day = GranularityComparison.Net(aroundMidnight, Netting.Day, Paris);
        Assert.Equal(2, day.Steps);
        Assert.Equal(0, day.SelfConsumed);
        // The same month: netted together.
        Assert.Equal(1, GranularityComparison.Net(aroundMidnight, Netting.Month, Paris).SelfConsumed);
    }

    [Fact]
    public void Coarser_netting_never_counts_less_on_random_histories()
    {
        var rnd = new Random(14);
        for (int run = 0; run < 50; run++)
        {
            var start = new DateTime(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc); // across the spring DST change and a month end
            var flows = Enumerable.Range(0, 96 * 20).Where(_ => rnd.Next(10) > 0)
                .Select(k => new IntervalFlows(start.AddMinutes(15 * k), rnd.NextDouble() * 2, rnd.Next(3) == 0 ? 0 : rnd.NextDouble() * 3)).ToArray();
            var results = GranularityComparison.Compare(flows, Paris);
            for (int i = 1; i < results.Count; i++)
                Assert.True(results[i].SelfConsumed >= results[i - 1].SelfConsumed - 1e-9, $"{results[i].Netting} below {results[i - 1].Netting}");
            Assert.Equal(flows.Sum(f => Math.Min(f.Consumption, f.Production)), results[0].SelfConsumed, 9);
        }
    }

    [Fact]
    public void No_figures_give_undefined_ratios_not_zero()
    {
        var results = GranularityComparison.Compare([], Paris);
        Assert.All(results, r => { Assert.Null(r.SelfSufficiency); Assert.Null(r.SelfConsumption); Assert.Equal(0, r.Steps); });
    }
}
