using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Scenarios;
using static Lustrac.Energy.Autonomy.Tests.Scenarios.ScenarioCases;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Scenarios;

/// <summary>A scenario's days are the site's local days wherever the site is, not Paris's (a territory overseas copying Lustrac).</summary>
public class SiteZoneTests
{
    // Hourly, 18:00–22:00 UTC on 21 June, household A imports 1 kWh each hour, pv-atelier gives 0.5 kWh at 21:00 UTC only.
    // Réunion (UTC+4, no summer time): 18:00Z and 19:00Z are 22:00 and 23:00 on the 21st; 20:00Z is midnight, so 20:00Z
    // and 21:00Z are the 22nd → days of 2 kWh and 2 kWh, the second with 0.5 locally supplied (SS 25 %).
    // French Guiana (UTC−3): the four hours are 15:00–18:00 on the 21st → one day of 4 kWh, SS 12.5 %.
    // Paris (UTC+2 in June): 20:00–23:00 on the 21st → one day as well, starting at 22:00Z on the 20th.
    [Theory]
    [InlineData("Indian/Reunion", new[] { "2026-06-20T20:00Z", "2026-06-21T20:00Z", "2026-06-22T20:00Z" }, new[] { 2.0, 2.0 }, new[] { 0.0, 0.25 })]
    [InlineData("America/Cayenne", new[] { "2026-06-21T03:00Z", "2026-06-22T03:00Z" }, new[] { 4.0 }, new[] { 0.125 })]
    [InlineData("Europe/Paris", new[] { "2026-06-20T22:00Z", "2026-06-21T22:00Z" }, new[] { 4.0 }, new[] { 0.125 })]
    public void Days_are_the_sites_local_days(string zone, string[] boundaries, double[] consumption, double[] selfSufficiency)
    {
        var grid = new IntervalGrid(Start.AddHours(18), 4, 60);
        var history = History(grid, [Home("A", 1, 1, 1, 1)], ("pv-atelier", [0, 0, 0, 0.5])) with { Zone = TimeZoneInfo.FindSystemTimeZoneById(zone) };
        var days = ScenarioComparison.Compare(ScenarioEngine.Run(history, ScenarioChanges.None), ScenarioResolution.Day)
            .Where(r => r.Household is null).ToArray();
        var expected = boundaries.Select(b => DateTime.Parse(b, null, System.Globalization.DateTimeStyles.AdjustToUniversal)).ToArray();
        Assert.Equal(expected[..^1], days.Select(d => d.FromUtc));
        Assert.Equal(expected[1..], days.Select(d => d.ToUtc));
        for (int d = 0; d < days.Length; d++)
        {
            Near(consumption[d], days[d].Actual.Energy.Consumption);
            Near(selfSufficiency[d], days[d].Actual.SelfSufficiency, FractionTolerance);
        }
    }
}
