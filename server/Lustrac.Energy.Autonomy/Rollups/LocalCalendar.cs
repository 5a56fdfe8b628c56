namespace Lustrac.Energy.Autonomy.Rollups;

/// <summary>
/// Period boundaries of the local calendar (Europe/Paris for Lustrac) as UTC instants. The time zone is passed in
/// (e.g. <c>TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")</c>) so the engine stays free of I/O.
/// A day starts at local midnight: a spring-forward day is 23 h long (92 quarter-hours), a fall-back day 25 h (100).
/// </summary>
public static class LocalCalendar
{
    public enum Period { Day, Month, Year }

    /// <summary>
    /// Boundaries [b0, b1, …, bn] of the local periods that intersect [fromUtc, toUtc): b0 ≤ fromUtc, bn ≥ toUtc.
    /// Period i is [b_i, b_{i+1}).
    /// </summary>
    public static IReadOnlyList<DateTime> Boundaries(DateTime fromUtc, DateTime toUtc, Period period, TimeZoneInfo zone)
    {
        if (toUtc < fromUtc) throw new ArgumentException("The range ends before it starts.");
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc), zone);
        var date = DateOnly.FromDateTime(local);
        date = period switch
        {
            Period.Day => date,
            Period.Month => new DateOnly(date.Year, date.Month, 1),
            _ => new DateOnly(date.Year, 1, 1),
        };
        var result = new List<DateTime> { StartUtc(date, zone) };
        while (result[^1] < toUtc)
        {
            date = period switch
            {
                Period.Day => date.AddDays(1),
                Period.Month => date.AddMonths(1),
                _ => date.AddYears(1),
            };
            result.Add(StartUtc(date, zone));
        }
        if (result.Count == 1) result.Add(StartUtc(period switch
        {
            Period.Day => date.AddDays(1),
            Period.Month => date.AddMonths(1),
            _ => date.AddYears(1),
        }, zone));
        return result;
    }

    /// <summary>The UTC instant at which a local date begins. Where midnight is skipped (some zones) the day starts
    /// at the first valid local minute; where it is repeated, at its first occurrence.</summary>
    public static DateTime StartUtc(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
