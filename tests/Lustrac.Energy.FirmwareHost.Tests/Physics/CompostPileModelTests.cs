using Lustrac.Energy.FirmwareHost.Physics;

namespace Lustrac.Energy.FirmwareHost.Tests.Physics;

public sealed class CompostPileModelTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_fresh_pile_reaches_40_degrees_within_three_days_but_not_in_the_first_hours()
    {
        var pile = new CompostPileModel("p", 1, startedAt: Start);

        Assert.True(pile.CoreC(Start.AddHours(3)) < 35);
        var firstForty = Enumerable.Range(0, 72).First(h => pile.CoreC(Start.AddHours(h)) >= 40);
        Assert.InRange(firstForty, 12, 72);
    }

    [Fact]
    public void A_fed_pile_stays_thermophilic_for_days_and_never_exceeds_71_degrees()
    {
        var pile = new CompostPileModel("p", 1, startedAt: Start);
        var hours = Enumerable.Range(0, 24 * 42).Select(h => pile.CoreC(Start.AddHours(h))).ToArray();

        Assert.True(hours.Count(c => c >= 55) >= 24 * 5, "at least five days at 55 °C or more over six weeks");
        Assert.True(hours.Max() <= 71);
    }

    [Fact]
    public void After_feeding_stops_the_pile_cools_below_38_degrees_within_two_months()
    {
        var stop = Start.AddDays(28);
        var pile = new CompostPileModel("p", 1, startedAt: Start, feedingStopsAt: stop);

        Assert.True(pile.CoreC(stop) > 50);
        Assert.True(pile.CoreC(stop.AddDays(60)) < 38);
    }

    [Fact]
    public void Turning_lets_heat_out_and_the_pile_reheats_within_two_days()
    {
        var pile = new CompostPileModel("p", 3, startedAt: Start.AddDays(-60));
        var turning = pile.LastTurning(Start.AddDays(20));

        var before = pile.CoreC(turning.AddMinutes(-1));
        var just = pile.CoreC(turning.AddMinutes(30));
        var after = pile.CoreC(turning.AddDays(2));

        Assert.True(just < before - 5, $"before {before:F1}, just after {just:F1}");
        Assert.True(after > just + 5, $"just after {just:F1}, two days later {after:F1}");
    }
}
