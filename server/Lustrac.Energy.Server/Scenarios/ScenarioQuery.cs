using System.Globalization;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Scenarios;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Scenarios;

/// <summary>
/// <c>from</c>, <c>to</c> (dates, local midnight at the site, or RFC 3339 times with a zone; widened to whole local
/// days) and <c>resolution</c> = day (default), month or range. Per-household figures are never finer than a day, so
/// the privacy rule for households that did not consent to fine data holds by construction.
/// </summary>
public sealed record ScenarioQuery(DateTime FromUtc, DateTime ToUtc, ScenarioResolution Resolution)
{
    /// <summary>A year and a month: "any range up to a year", with room for the year's edges in local time.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    public static (ScenarioQuery? Query, string? Error) Parse(IQueryCollection q, SitePlan plan, DateTime nowUtc)
    {
        string text = q["resolution"].ToString() is { Length: > 0 } r ? r : "day";
        ScenarioResolution? resolution = text switch { "day" => ScenarioResolution.Day, "month" => ScenarioResolution.Month, "range" => ScenarioResolution.Range, _ => null };
        if (resolution is null) return (null, $"resolution '{text}' is not one of day, month, range (scenarios are never computed finer than a day)");
        if (!TryTime(q["to"], plan, out var to, out var error)) return (null, $"to: {error}");
        if (!TryTime(q["from"], plan, out var from, out error)) return (null, $"from: {error}");
        to ??= nowUtc;
        from ??= to.Value - TimeSpan.FromDays(30);
        if (from >= to) return (null, $"from ({AutonomyQuery.Format(from.Value)}) must be before to ({AutonomyQuery.Format(to.Value)})");
        if (to - from > MaxRange) return (null, $"range too large: at most {MaxRange.TotalDays:0} days");
        var days = LocalCalendar.Boundaries(from.Value, to.Value, LocalCalendar.Period.Day, plan.Zone);
        return (new ScenarioQuery(days[0], days[^1], resolution.Value), null);
    }

    private static bool TryTime(string? text, SitePlan plan, out DateTime? utc, out string error)
    {
        utc = null;
        error = "";
        if (string.IsNullOrEmpty(text)) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date >= AutonomyQuery.EarliestDate && date <= AutonomyQuery.LatestDate)
        {
            utc = LocalCalendar.StartUtc(date, plan.Zone);
            return true;
        }
        bool zoned = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (zoned && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            && t.UtcDateTime >= LocalCalendar.StartUtc(AutonomyQuery.EarliestDate, plan.Zone) && t.UtcDateTime <= LocalCalendar.StartUtc(AutonomyQuery.LatestDate, plan.Zone))
        {
            utc = t.UtcDateTime;
            return true;
        }
        error = $"'{text}' is not a date (2026-06-21) or an RFC 3339 time with a zone (2026-06-21T10:00:00Z) between {AutonomyQuery.EarliestDate:yyyy} and {AutonomyQuery.LatestDate:yyyy}";
        return false;
    }
}
