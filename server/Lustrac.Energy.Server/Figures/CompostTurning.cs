using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

/// <summary>
/// A turning of a compost pile, recorded by the operator (windrow rules count them). Identity = (pile, time to the
/// millisecond): recording the same turning again overwrites it, so a retried request never counts twice.
/// </summary>
public sealed record CompostTurning(string Pile, DateTime TimeUtc, DateTime RecordedAtUtc, string RecordedBy)
{
    public static long Ms(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    /// <summary>Cut to the millisecond, the precision both stores keep, so what is read back equals what was written.</summary>
    public static DateTime ToStoredPrecision(DateTime utc) => DateTime.UnixEpoch.AddMilliseconds(Ms(utc));

    /// <summary>
    /// Parses and checks a turning time with the rules readings follow: RFC 3339 with a zone (a bare local time is
    /// ambiguous across the daylight-saving change), not before 2020, not more than 5 minutes ahead of the server.
    /// </summary>
    public static (DateTime? Utc, string? Error) ParseTime(string? text, DateTime nowUtc)
    {
        const string Example = "\"2026-06-11T09:30:00+02:00\" or \"2026-06-11T07:30:00Z\"";
        if (string.IsNullOrWhiteSpace(text)) return (null, $"'time' is required: when the pile was turned, e.g. {Example}");
        if (!ReadingCodec.TryParseTime(text, out var time))
            return (null, $"time '{Shorten(text)}' is not an RFC 3339 time with a zone, e.g. {Example}");
        if (time < MessageValidator.EarliestPlausible) return (null, $"time '{text}' is before 2020");
        if (time.UtcDateTime > nowUtc + MessageValidator.MaxFutureSkew)
            return (null, $"time '{text}' is more than {MessageValidator.MaxFutureSkew.TotalMinutes:0} minutes in the future (server time {AutonomyQuery.Format(nowUtc)})");
        return (ToStoredPrecision(time.UtcDateTime), null);
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

/// <summary>Where recorded turnings live: beside the figures (SQLite table or InfluxDB measurement <c>compost_turning</c>).</summary>
public interface ITurningStore
{
    /// <summary>Stores a turning durably; the same (pile, time) again overwrites.</summary>
    Task RecordTurningAsync(CompostTurning turning, CancellationToken ct);

    /// <summary>Turnings of one pile (every pile when null) in [from, to), oldest first.</summary>
    Task<IReadOnlyList<CompostTurning>> ReadTurningsAsync(string? pile, DateTime fromUtc, DateTime toUtc, CancellationToken ct);
}

/// <summary>How far along a pile is, reported the same way by the API and the stored <c>compost_status</c>.</summary>
public static class CompostProgress
{
    /// <summary>
    /// The least advanced requirement of the rule: hot time of the current run / the rule's duration, and turnings in
    /// that run / the turnings required. A windrow hot for long enough but not turned is not "100 %": its progress is
    /// that of its turnings. 1 once achieved, 0 without a current run.
    /// </summary>
    public static double Of(SanitisationAssessment a)
    {
        if (a.Status == SanitisationStatus.Achieved) return 1;
        return Math.Min(HotTime(a), Turnings(a));
    }

    /// <summary>Hot time of the current run / the rule's duration, in [0, 1].</summary>
    public static double HotTime(SanitisationAssessment a) =>
        a.Status == SanitisationStatus.Achieved ? 1 : Math.Clamp((a.CurrentRun?.Duration ?? TimeSpan.Zero) / a.Rule.Duration, 0, 1);

    /// <summary>Turnings in the current run / turnings required, in [0, 1]; 1 for a rule that needs none.</summary>
    public static double Turnings(SanitisationAssessment a) =>
        a.Status == SanitisationStatus.Achieved || a.Rule.MinTurnings == 0 ? 1
        : Math.Clamp((double)(a.CurrentRun?.Turnings ?? 0) / a.Rule.MinTurnings, 0, 1);
}
