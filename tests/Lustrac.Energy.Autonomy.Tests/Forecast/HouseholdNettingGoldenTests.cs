using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Forecast;
using static Lustrac.Energy.Autonomy.Tests.Forecast.ForecastFixtures;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Forecast;

public sealed class HouseholdNettingGoldenTests
{
    [Fact]
    public void A_household_gets_its_own_arrays_first_then_its_share_of_the_shared_forecast_under_the_key()
    {
        // Shared 10 kWp and h2's own 5 kWp, hand sky 0.2 kWh/kWp per quarter from 11:00 to 12:00 UTC (clear 2 and 1 kWh).
        // 9 June measured: shared 1.0 per interval (ratio 0.5), h2's own 0.8 (ratio 0.8); h1 used 0.9, h2 1.0, all 1.9.
        ForecastArray[] arrays = [new("pv-shared", null, 10, Sky(11, 12)), new("pv-h2", "h2", 5, Sky(11, 12))];
        var day = Utc(2026, 6, 9, 11);
        var request = new ForecastRequest(Utc(2026, 6, 10, 8), Paris, 15, arrays, ["h1", "h2"],
            new Dictionary<string, IReadOnlyList<IntervalEnergy>> { [ForecastRequest.SharedGroup] = [.. Run(day, 4, 1.0)], ["h2"] = [.. Run(day, 4, 0.8)] },
            new Dictionary<string, IReadOnlyList<IntervalEnergy>> { ["h1"] = [.. Run(day, 4, 0.9)], ["h2"] = [.. Run(day, 4, 1.0)] },
            [.. Run(day, 4, 1.9)], AllocationRule.DefaultDynamic);

        var result = DayAheadForecast.Compute(request);
        var at = Utc(2026, 6, 11, 11);
        var h1 = result.Households[0].Intervals.Single(i => i.StartUtc == at);
        var h2 = result.Households[1].Intervals.Single(i => i.StartUtc == at);
        var all = result.Neighbourhood.Intervals.Single(i => i.StartUtc == at);

        // Shared 2 × 0.5 = 1.0; h2's own 1 × 0.8 = 0.8. Demands: h1 0.9, h2 1.0 − 0.8 = 0.2; Σ 1.1 > 1.0, so pro rata:
        // h1 1.0 × 0.9 / 1.1 = 0.818182, h2 1.0 × 0.2 / 1.1 = 0.181818.
        Near(0.818182, h1.Production, 1e-6);
        Near(0.818182 / 0.9, h1.SelfSufficiency!.Value, 1e-6);          // 0.909091
        Near(0.8 + 0.181818, h2.Production, 1e-6);                     // 0.981818
        Near(0.981818, h2.SelfSufficiency!.Value, 1e-6);               // (min(1.0, 0.8) + 0.181818) / 1.0
        // Neighbourhood: P 1.8, C 1.9 → min 1.8, SS 1.8 / 1.9 = 0.947368.
        Near(1.8, all.Production, 1e-9);
        Near(0.947368, all.SelfSufficiency!.Value, 1e-6);
        Assert.Equal(0.8, result.Ratios["h2"].Ratio, 9);
    }
}
