using Lustrac.Energy.Server.Api;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Api.Autonomy;

public enum Resolution { Interval, Day, Month, Year }

/// <summary>
/// A validated time query: [FromUtc, ToUtc) widened to whole periods of the resolution (days, months and years cut
/// at Europe/Paris local midnight), and the period boundaries.
/// </summary>
public sealed record AutonomyQuery(DateTime FromUtc, DateTime ToUtc, Resolution Resolution, IReadOnlyList<DateTime> Boundaries)
{
    /// <summary>The longest range each resolution serves, so one request cannot read years of 15-minute rows.</summary>
    public static TimeSpan MaxRange(Resolution r) => r switch
    {
        Resolution.Interval => TimeSpan.FromDays(31),
        Resolution.Day => TimeSpan.FromDays(400),
        _ => TimeSpan.FromDays(3660),
    };

    /// <summary>
    /// Every date and time a query may name lies in [<see cref="EarliestDate"/>, <see cref="LatestDate"/>], as local
    /// midnights of the site: readings before 2020 are refused at ingest, and beyond these a date would overflow the
    /// stores' time literals (InfluxDB) or widen past the calendar's ends.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(2020, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 1, 1);

    /// <summary>
    /// Parses <c>from</c>, <c>to</c> (RFC 3339 with a zone, e.g. 2026-06-21T00:00:00Z, or a date 2026-06-21 meaning local
    /// midnight at the site) and <c>resolution</c>. Defaults: to = now, from = the local day's start, resolution = day.
    /// </summary>
    public static (AutonomyQuery? Query, BadRequest<ApiError>? Error) Parse(HttpRequest request, SitePlan plan, DateTime nowUtc, TimeSpan? maxRange = null)
    {
        var q = request.Query;
        string resolutionText = q["resolution"].ToString() is { Length: > 0 } r ? r : "day";
        Resolution? resolution = resolutionText switch
        {
            "interval" => Resolution.Interval, "day" => Resolution.Day, "month" => Resolution.Month, "year" => Resolution.Year, _ => null,
        };
        if (resolution is null) return (null, ApiErrors.BadRequest($"resolution '{resolutionText}' is not one of interval, day, month, year"));

        if (!TryTime(q["to"], plan, out var to, out var error)) return (null, ApiErrors.BadRequest($"to: {error}"));
        to ??= nowUtc;
        if (!TryTime(q["from"], plan, out var from, out error)) return (null, ApiErrors.BadRequest($"from: {error}"));
        from ??= LocalCalendar.Boundaries(to.Value.AddTicks(-1), to.Value, LocalCalendar.Period.Day, plan.Zone)[0];
        if (from >= to) return (null, ApiErrors.BadRequest($"from ({Format(from.Value)}) must be before to ({Format(to.Value)})"));
        var limit = maxRange ?? MaxRange(resolution.Value);
        if (to - from > limit)
            return (null, ApiErrors.BadRequest($"range too large: at most {limit.TotalDays:0} days at resolution {resolutionText}"));

        IReadOnlyList<DateTime> boundaries = resolution switch
        {
            Resolution.Interval => GridBoundaries(IntervalGrid.Covering(from.Value, to.Value, plan.IntervalMinutes)),
            Resolution.Day => LocalCalendar.Boundaries(from.Value, to.Value, LocalCalendar.Period.Day, plan.Zone),
            Resolution.Month => LocalCalendar.Boundaries(from.Value, to.Value, LocalCalendar.Period.Month, plan.Zone),
            _ => LocalCalendar.Boundaries(from.Value, to.Value, LocalCalendar.Period.Year, plan.Zone),
        };
        return (new AutonomyQuery(boundaries[0], boundaries[^1], resolution.Value, boundaries), null);
    }

    private static List<DateTime> GridBoundaries(IntervalGrid grid) => Enumerable.Range(0, grid.Count + 1).Select(grid.BoundaryUtc).ToList();

    private static bool TryTime(string? text, SitePlan plan, out DateTime? utc, out string error)
    {
        utc = null;
        error = "";
        if (string.IsNullOrEmpty(text)) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date < EarliestDate || date > LatestDate) { error = OutOfRange(text); return false; }
            utc = LocalCalendar.StartUtc(date, plan.Zone);
            return true;
        }
        // A time without a zone is ambiguous (UTC? Paris?): refused rather than guessed.
        bool hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasZone || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            error = $"'{text}' is not a date (2026-06-21) or an RFC 3339 time with a zone (2026-06-21T10:00:00Z)";
            return false;
        }
        if (t.UtcDateTime < LocalCalendar.StartUtc(EarliestDate, plan.Zone) || t.UtcDateTime > LocalCalendar.StartUtc(LatestDate, plan.Zone))
        {
            error = OutOfRange(text);
            return false;
        }
        utc = t.UtcDateTime;
        return true;
    }

    private static string OutOfRange(string text) =>
        $"'{text}' is outside the dates this server serves, {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd} (site local midnight)";

    /// <summary>The resolution as the query names it: interval, day, month, year.</summary>
    public string ResolutionName => Resolution.ToString().ToLowerInvariant();

    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
