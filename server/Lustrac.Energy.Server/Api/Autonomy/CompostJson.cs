using System.Globalization;
using System.Text.Json.Serialization;
using Lustrac.Energy.Server.Figures;

namespace Lustrac.Energy.Server.Api.Autonomy;

/// <summary><c>GET /api/compost</c>: every pile's sanitisation status now.</summary>
public sealed record CompostResponse(
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("generated_at")] string GeneratedAt,
    [property: JsonPropertyName("piles")] IReadOnlyList<PileJson> Piles);

/// <summary>A pile's rule, status, progress and its latest probe readings.</summary>
public sealed record PileJson(
    [property: JsonPropertyName("pile")] string Pile,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("rule_source")] string RuleSource,
    [property: JsonPropertyName("threshold_c")] double ThresholdC,
    [property: JsonPropertyName("duration_hours")] double DurationHours,
    [property: JsonPropertyName("turnings_required")] int TurningsRequired,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("hot_time_progress")] double HotTimeProgress,
    [property: JsonPropertyName("current_run_hours")] double? CurrentRunHours,
    [property: JsonPropertyName("turnings_in_run")] int? TurningsInRun,
    [property: JsonPropertyName("achieved_at")] string? AchievedAt,
    [property: JsonPropertyName("coolest_c")] double? CoolestC,
    [property: JsonPropertyName("coolest_probe")] string? CoolestProbe,
    [property: JsonPropertyName("probes_reporting")] int ProbesReporting,
    [property: JsonPropertyName("probes_expected")] int ProbesExpected,
    [property: JsonPropertyName("last_reading")] string? LastReading);

/// <summary><c>GET /api/compost/{pile}/turnings</c>: the turnings of a pile over a range.</summary>
public sealed record TurningsResponse(
    [property: JsonPropertyName("pile")] string Pile,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("turnings_required")] int TurningsRequired,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("turnings")] IEnumerable<TurningJson> Turnings);

/// <summary>One recorded turning: when the pile was turned (to the millisecond stored), when and by whom it was recorded.</summary>
public sealed record TurningJson(
    [property: JsonPropertyName("pile")] string Pile,
    [property: JsonPropertyName("time")] string Time,
    [property: JsonPropertyName("recorded_at")] string RecordedAt,
    [property: JsonPropertyName("recorded_by")] string RecordedBy)
{
    public static TurningJson Of(CompostTurning t) => new(t.Pile,
        t.TimeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), AutonomyQuery.Format(t.RecordedAtUtc), t.RecordedBy);
}
