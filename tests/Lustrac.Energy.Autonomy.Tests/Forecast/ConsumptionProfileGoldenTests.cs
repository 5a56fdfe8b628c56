using Lustrac.Energy.Autonomy.Forecast;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Forecast;

public sealed class ConsumptionProfileGoldenTests
{
    // "Now": Wednesday 10 June 2026, 08:00 UTC. The interval forecast: Thursday 11 June, 10:00 UTC (12:00 in Paris, UTC+2).
    private static readonly DateTime Now = Utc(2026, 6, 10, 8);
    private static readonly DateTime Target = Utc(2026, 6, 11, 10);

    [Fact]
    public void A_slot_expects_the_mean_of_the_last_four_same_weekdays()
    {
        IntervalEnergy[] history =
        [
            new(Utc(2026, 6, 4, 10), 1.0), new(Utc(2026, 5, 28, 10), 2.0), new(Utc(2026, 5, 21, 10), 3.0), new(Utc(2026, 5, 14, 10), 6.0),
            new(Utc(2026, 5, 7, 10), 100),   // a fifth Thursday, 34 days back: beyond the 4 × 7 = 28 days read
            new(Utc(2026, 6, 9, 10), 50),    // a Tuesday: another weekday
            new(Utc(2026, 6, 4, 10, 15), 9), // Thursday, but the next slot
        ];
        var value = new ConsumptionProfile(history, Now, Paris, ForecastOptions.Default).At(Target);

        // (1 + 2 + 3 + 6) / 4 = 3.0 kWh
        Assert.Equal(new ProfileValue(3.0, 4, SameWeekday: true), value);
    }

    [Fact]
    public void Fewer_than_four_same_weekdays_fall_back_to_the_recent_days()
    {
        IntervalEnergy[] history =
        [
            new(Utc(2026, 6, 4, 10), 1.0), new(Utc(2026, 5, 28, 10), 2.0), // two Thursdays only
            new(Utc(2026, 6, 9, 10), 0.5), new(Utc(2026, 6, 8, 10), 1.5),  // Tuesday, Monday
            new(Utc(2026, 6, 8, 11), 7), new(Utc(2026, 6, 7, 10), null),  // another slot; an unknown interval
        ];
        var value = new ConsumptionProfile(history, Now, Paris, ForecastOptions.Default).At(Target);

        // The last 7 days (3 to 9 June) with a value at 12:00 local: 9 June 0.5, 8 June 1.5, 4 June 1.0 → 3.0 / 3 = 1.0 kWh
        // (28 May is older than 7 days).
        Assert.Equal(new ProfileValue(1.0, 3, SameWeekday: false), value);
    }
}
