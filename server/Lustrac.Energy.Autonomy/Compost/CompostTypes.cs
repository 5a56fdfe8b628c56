namespace Lustrac.Energy.Autonomy.Compost;

/// <summary>One DS18B20 reading in a pile.</summary>
public readonly record struct ProbeReading(DateTime TimeUtc, string ProbeId, double Celsius);

public enum SanitisationStatus
{
    /// <summary>The coolest probe has never been at or above the threshold.</summary>
    NotStarted,
    /// <summary>The coolest probe is above the threshold now, not yet for long enough (or not enough turnings).</summary>
    InProgress,
    /// <summary>A run met the rule.</summary>
    Achieved,
    /// <summary>A run started but ended (dip, data gap) before meeting the rule, and none is going on.</summary>
    Interrupted,
}

/// <summary>A stretch of time during which the coolest probe stayed at or above the threshold.</summary>
public sealed record HotRun(DateTime StartUtc, DateTime EndUtc, int Turnings)
{
    public TimeSpan Duration => EndUtc - StartUtc;
}

/// <summary>One line of the temperature register (French community composting: records are an obligation).</summary>
public sealed record CompostRegisterRow(
    DateTime TimeUtc, string PileId, string CoolestProbeId, double CoolestC, int ProbesReporting, int ProbesExpected, bool AtOrAboveThreshold);

public sealed record SanitisationAssessment(
    SanitisationRule Rule,
    SanitisationStatus Status,
    DateTime? AchievedAtUtc,
    HotRun? LongestRun,
    HotRun? CurrentRun,
    IReadOnlyList<CompostRegisterRow> Register);

/// <summary>A weighed load of organic waste: diverted into compost, or not (residual bin).</summary>
public readonly record struct WeighIn(DateTime TimeUtc, double Kg, bool Diverted);
