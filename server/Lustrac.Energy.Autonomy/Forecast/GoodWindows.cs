namespace Lustrac.Energy.Autonomy.Forecast;

/// <summary>
/// When to run appliances: runs of consecutive intervals where expected production ≥ expected consumption ×
/// (1 + <see cref="ForecastOptions.WindowMargin"/>) and production is above 0, at least
/// <see cref="ForecastOptions.MinWindowIntervals"/> long. The margin keeps an ordinary forecast error from turning a
/// window into grid time; the minimum length, a window too short for a washing cycle. A window is reported from the start
/// of its first interval to the end of its last, in local time ("11:30–15:00").
/// </summary>
public static class GoodWindows
{
    public static IReadOnlyList<GoodWindow> Find(IReadOnlyList<ForecastInterval> intervals, TimeSpan length, TimeZoneInfo zone, ForecastOptions options)
    {
        var windows = new List<GoodWindow>();
        int start = -1;
        for (int i = 0; i <= intervals.Count; i++)
        {
            bool good = i < intervals.Count && IsGood(intervals[i], options)
                && (start < 0 || intervals[i].StartUtc == intervals[i - 1].StartUtc + length);
            if (good && start < 0) start = i;
            if (good) continue;
            if (start >= 0 && i - start >= options.MinWindowIntervals)
                windows.Add(GoodWindow.Of(intervals[start].StartUtc, intervals[i - 1].StartUtc + length, zone));
            start = i < intervals.Count && IsGood(intervals[i], options) ? i : -1;
        }
        return windows;
    }

    public static bool IsGood(ForecastInterval i, ForecastOptions options) =>
        i.Production > 0 && i.Production >= i.Consumption * (1 + options.WindowMargin);

    /// <summary>The first window not over at <paramref name="nowUtc"/>, or null.</summary>
    public static GoodWindow? Next(IReadOnlyList<GoodWindow> windows, DateTime nowUtc) => windows.FirstOrDefault(w => w.EndUtc > nowUtc);
}

/// <summary>A good window: UTC bounds, and the local date and clock times a screen shows.</summary>
public sealed record GoodWindow(DateTime StartUtc, DateTime EndUtc, DateOnly LocalDate, string Start, string End)
{
    /// <summary>"11:30–15:00", with an en dash.</summary>
    public string Label => $"{Start}–{End}";

    public static GoodWindow Of(DateTime startUtc, DateTime endUtc, TimeZoneInfo zone)
    {
        var s = TimeZoneInfo.ConvertTimeFromUtc(startUtc, zone);
        var e = TimeZoneInfo.ConvertTimeFromUtc(endUtc, zone);
        return new(startUtc, endUtc, DateOnly.FromDateTime(s), s.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            e.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }
}
