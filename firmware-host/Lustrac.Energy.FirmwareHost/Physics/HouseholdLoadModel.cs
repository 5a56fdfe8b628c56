namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// A household's electrical load in kW: a base load (fridge, standby) plus morning, midday and evening peaks in
/// local time, shifted later and fuller at weekends, scaled up in winter (lighting, partial electric heating) and
/// roughened by seeded minute-scale noise (appliances switching). The shape is normalised so that a household of
/// average size averages <see cref="TypicalDailyKwh"/> over a year (≈ 4,255 kWh/yr, DOMAIN.md); each household
/// differs by its occupants, a seeded size factor and a seeded shift of its daily rhythm.
/// </summary>
public sealed class HouseholdLoadModel
{
    public const double TypicalDailyKwh = 11.7;

    private readonly LoadShape _shape;
    private readonly double _scale;
    private readonly double _shiftHours;
    private readonly ulong _noiseSeed;
    private readonly ulong _fastNoiseSeed;

    /// <param name="sizeFactor">This household's consumption relative to the site's typical household (1 = typical).</param>
    public HouseholdLoadModel(string householdId, TimeZoneInfo timeZone, double sizeFactor, ulong seed)
    {
        _shape = LoadShape.For(timeZone);
        var key = StableRandom.Combine(seed, householdId);
        var individual = StableRandom.Between(StableRandom.Combine(key, "size"), 0.85, 1.15);
        _scale = TypicalDailyKwh / 24 / _shape.AnnualMean * sizeFactor * individual;
        _shiftHours = StableRandom.Between(StableRandom.Combine(key, "shift"), -0.75, 0.75);
        _noiseSeed = StableRandom.Combine(key, "noise");
        _fastNoiseSeed = StableRandom.Combine(key, "fast-noise");
        HouseholdId = householdId;
    }

    public string HouseholdId { get; }

    /// <summary>Occupancy scaling relative to a two-person home: people share the base load, so it grows sub-linearly.</summary>
    public static double OccupancyFactor(int occupants) => 0.6 + 0.2 * Math.Max(occupants, 1);

    /// <summary>Active power drawn at <paramref name="t"/>, kW (always positive).</summary>
    public double PowerKw(DateTimeOffset t)
    {
        var noise = 1 + 0.30 * SmoothNoise.At(_noiseSeed, t, TimeSpan.FromMinutes(7))
                      + 0.15 * SmoothNoise.At(_fastNoiseSeed, t, TimeSpan.FromSeconds(50));
        return _scale * _shape.At(t, _shiftHours) * Math.Max(noise, 0.4);
    }

    /// <summary>Energy over [from, to) by the midpoint rule with <paramref name="step"/>, kWh (for tests and reports).</summary>
    public double EnergyKwh(DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var kwh = 0.0;
        for (var t = from; t < to; t += step) kwh += PowerKw(t + step / 2) * step.TotalHours;
        return kwh;
    }
}
