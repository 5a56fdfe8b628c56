using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.FirmwareHost.Tests.Support;

namespace Lustrac.Energy.FirmwareHost.Tests.Physics;

public sealed class HouseholdLoadModelTests
{
    private static readonly SitePhysics Site = new(FrozenSite.Model, seed: 1);
    private static readonly DateTimeOffset YearStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Households_average_about_11_7_kwh_a_day_over_a_year()
    {
        var perHousehold = Site.Households.Values
            .Select(h => h.EnergyKwh(YearStart, YearStart.AddDays(365), TimeSpan.FromMinutes(30)) / 365)
            .ToArray();

        Assert.Equal(11.7, perHousehold.Average(), 0.8);
        Assert.All(perHousehold, kwh => Assert.InRange(kwh, 6, 20));
    }

    [Fact]
    public void Winter_days_use_more_than_summer_days()
    {
        var h = Site.Households["h03"];
        var january = h.EnergyKwh(new(2026, 1, 12, 0, 0, 0, TimeSpan.Zero), new(2026, 1, 19, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(10)) / 7;
        var july = h.EnergyKwh(new(2026, 7, 13, 0, 0, 0, TimeSpan.Zero), new(2026, 7, 20, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(10)) / 7;

        Assert.True(january > 1.8 * july, $"January {january:F1} kWh/day, July {july:F1} kWh/day");
        Assert.InRange(january, 10, 30);
        Assert.InRange(july, 3, 12);
    }

    [Fact]
    public void Evenings_peak_above_nights_and_weekday_mornings_start_earlier()
    {
        // Averaged over all households and the weeks of April 2026 (local time is UTC+2).
        double MeanKw(DayOfWeek day, int utcHour)
        {
            var samples = new List<double>();
            for (var d = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero); d.Month == 4; d = d.AddDays(1))
            {
                if (d.DayOfWeek != day) continue;
                foreach (var h in Site.Households.Values)
                    for (var m = 0; m < 60; m += 5) samples.Add(h.PowerKw(d.AddHours(utcHour).AddMinutes(m)));
            }
            return samples.Average();
        }

        Assert.True(MeanKw(DayOfWeek.Wednesday, 17) > 2 * MeanKw(DayOfWeek.Wednesday, 1), "19:00 local above 03:00 local");
        Assert.True(MeanKw(DayOfWeek.Wednesday, 5) > 1.3 * MeanKw(DayOfWeek.Sunday, 5), "07:00 local: up on a weekday, asleep on Sunday");
    }

    [Fact]
    public void Larger_households_use_more()
    {
        var single = Enumerable.Range(0, 40).Select(i => new HouseholdLoadModel($"s{i}", Site.TimeZone, HouseholdLoadModel.OccupancyFactor(1), 1)
            .EnergyKwh(YearStart, YearStart.AddDays(28), TimeSpan.FromHours(1))).Average();
        var four = Enumerable.Range(0, 40).Select(i => new HouseholdLoadModel($"f{i}", Site.TimeZone, HouseholdLoadModel.OccupancyFactor(4), 1)
            .EnergyKwh(YearStart, YearStart.AddDays(28), TimeSpan.FromHours(1))).Average();

        Assert.True(four > 1.4 * single);
    }
}
