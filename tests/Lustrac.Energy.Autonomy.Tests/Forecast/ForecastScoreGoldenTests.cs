using Lustrac.Energy.Autonomy.Forecast;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Forecast;

public sealed class ForecastScoreGoldenTests
{
    [Fact]
    public void A_day_is_scored_by_interval_and_by_its_totals_over_the_intervals_measured()
    {
        ScoredInterval[] day =
        [
            new(Utc(2026, 6, 11, 10), 2.0, 1.0, 1.5, 1.2),  // |2 − 1.5| = 0.5 ; |1 − 1.2| = 0.2
            new(Utc(2026, 6, 11, 10, 15), 1.0, 1.0, 2.0, 0.7), // 1.0 ; 0.3
            new(Utc(2026, 6, 11, 10, 30), 3.0, 2.0, null, 2.5), // production unknown: left out ; 0.5
        ];
        var score = DayScore.Of(new DateOnly(2026, 6, 11), day);

        Near(0.75, score.ProductionMaeKwh!.Value, 1e-12);               // (0.5 + 1.0) / 2
        Near((0.2 + 0.3 + 0.5) / 3, score.ConsumptionMaeKwh!.Value, 1e-12); // 0.333…
        Near(0.5, score.ProductionDayErrorKwh!.Value, 1e-12);           // |(2 + 1) − (1.5 + 2)| = 0.5
        Near(0.4, score.ConsumptionDayErrorKwh!.Value, 1e-12);          // |(1 + 1 + 2) − (1.2 + 0.7 + 2.5)| = 0.4
        Assert.Equal(2, score.Intervals);                                 // both measures known in two intervals
    }
}
