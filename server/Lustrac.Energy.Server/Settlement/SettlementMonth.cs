using System.Globalization;
using Lustrac.Energy.Autonomy.Settlement;

namespace Lustrac.Energy.Server.Settlement;

/// <summary>A local calendar month (<c>month=YYYY-MM</c>) and its UTC bounds: local midnight of the 1st to that of the next month.</summary>
public sealed record SettlementMonth(int Year, int Month, DateTime FromUtc, DateTime ToUtc)
{
    public string Text => $"{Year:0000}-{Month:00}";

    public static (SettlementMonth? Month, IResult? Error) Parse(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrEmpty(text) || !DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            return (null, Api.ApiErrors.BadRequest($"month must be given as YYYY-MM (e.g. 2026-06); got '{text}'"));
        var first = new DateOnly(m.Year, m.Month, 1);
        return (new SettlementMonth(m.Year, m.Month, MonthlyStatement.LocalMidnightUtc(first, zone), MonthlyStatement.LocalMidnightUtc(first.AddMonths(1), zone)), null);
    }
}
