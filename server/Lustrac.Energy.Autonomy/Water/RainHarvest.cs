namespace Lustrac.Energy.Autonomy.Water;

/// <summary>Days of autonomy left, or why there is no figure.</summary>
public sealed record AutonomyDays(double? Days, string? Reason)
{
    public static AutonomyDays NoDraw { get; } = new(null, "no draw");
}

public static class RainHarvest
{
    /// <summary>
    /// Default runoff coefficient 0.9 — an assumption, not a measured figure: it is the value usually quoted for
    /// smooth pitched roofs (metal, glazed tiles); rough, flat or green roofs shed much less (DIN 1989-1 and similar
    /// guides give ≈ 0.8 for hard pitched roofs, lower for gravel or green roofs). Set it per roof.
    /// </summary>
    public const double DefaultRunoffCoefficient = 0.9;

    /// <summary>Expected harvest (L) = roof area (m²) × rainfall (mm) × runoff coefficient; 1 mm on 1 m² is 1 L.</summary>
    public static double ExpectedLitres(double roofAreaM2, double rainfallMm, double runoffCoefficient = DefaultRunoffCoefficient)
    {
        if (roofAreaM2 < 0 || rainfallMm < 0 || runoffCoefficient is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(roofAreaM2), "Area and rainfall must be ≥ 0 and the coefficient in [0, 1].");
        return roofAreaM2 * rainfallMm * runoffCoefficient;
    }

    /// <summary>Harvested / expected; null when no harvest was expected (no rain). Not clamped: above 1 flags a wrong area or gauge.</summary>
    public static double? HarvestEfficiency(double harvestedLitres, double expectedLitres) =>
        expectedLitres > 0 ? harvestedLitres / expectedLitres : null;

    /// <summary>
    /// Days left = stored volume / mean daily draw over the recent window. No draw gives no figure ("no draw"),
    /// not infinity.
    /// </summary>
    public static AutonomyDays DaysOfAutonomy(double storedLitres, double drawnLitres, double windowDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowDays);
        if (drawnLitres <= 0) return AutonomyDays.NoDraw;
        return new AutonomyDays(Math.Max(0, storedLitres) / (drawnLitres / windowDays), null);
    }
}
