namespace Lustrac.Energy.Server.Autonomy;

/// <summary>Bound from the "Autonomy" configuration section.</summary>
public sealed class AutonomySettings
{
    /// <summary>An interval is closed this long after its end, so messages a few seconds late are in it the first time.</summary>
    public int GraceSeconds { get; set; } = 120;

    /// <summary>On a first start (no figures stored yet), how far back to compute from readings already stored.</summary>
    public int BackfillDays { get; set; } = 7;

    /// <summary>Late data finds its stored neighbours within this window; beyond it, the window's edge is taken as the neighbour.</summary>
    public int LateDataLookbackHours { get; set; } = 24;
}
