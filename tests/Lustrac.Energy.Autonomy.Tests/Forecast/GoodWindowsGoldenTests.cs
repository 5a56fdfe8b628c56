using Lustrac.Energy.Autonomy.Forecast;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Forecast;

public sealed class GoodWindowsGoldenTests
{
    // 3 December 2026, Paris is UTC+1. Good: production ≥ consumption × 1.1 and production > 0; at least 2 intervals.
    private static ForecastInterval I(int h, int m, double p, double c) => new(Utc(2026, 12, 3, h, m), p, p, p, c, Math.Min(p, c));

    private static readonly ForecastInterval[] Day =
    [
        I(10, 0, 1.0, 1.0),  // 1.0 < 1.1: no
        I(10, 15, 1.2, 1.0), // 1.2 ≥ 1.1: good
        I(10, 30, 1.5, 1.0), // good → window 10:15–10:45 UTC = 11:15–11:45 local
        I(10, 45, 0.5, 1.0), // no
        I(11, 0, 3.0, 1.0),  // good but alone: one interval is too short, dropped
        I(11, 15, 0, 0),     // nothing produced: no
        I(11, 30, 2, 1), I(11, 45, 2, 1), I(12, 0, 2, 0), // good ×3 (no consumption is good too) → 12:30–13:15 local
        // 12:15 absent: the run breaks there
        I(12, 30, 2, 1), I(12, 45, 2, 1),                 // good ×2 → 13:30–14:00 local
    ];

    [Fact]
    public void Windows_are_runs_of_good_intervals_of_at_least_two_in_local_time()
    {
        var windows = GoodWindows.Find(Day, TimeSpan.FromMinutes(15), Paris, ForecastOptions.Default);
        Assert.Equal(["11:15–11:45", "12:30–13:15", "13:30–14:00"], windows.Select(w => w.Label));
        Assert.All(windows, w => Assert.Equal(new DateOnly(2026, 12, 3), w.LocalDate));
    }

    [Fact]
    public void The_next_window_is_the_first_not_over()
    {
        var windows = GoodWindows.Find(Day, TimeSpan.FromMinutes(15), Paris, ForecastOptions.Default);
        // At 11:00 UTC the first window (ended 10:45 UTC) is over; the second is next.
        Assert.Equal("12:30–13:15", GoodWindows.Next(windows, Utc(2026, 12, 3, 11))!.Label);
        // Inside a window, that window is still the next good time.
        Assert.Equal("12:30–13:15", GoodWindows.Next(windows, Utc(2026, 12, 3, 11, 50))!.Label);
        Assert.Null(GoodWindows.Next(windows, Utc(2026, 12, 3, 13)));
    }
}
