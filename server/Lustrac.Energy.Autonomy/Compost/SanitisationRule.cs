namespace Lustrac.Energy.Autonomy.Compost;

/// <summary>
/// A temperature–time sanitisation rule: the coolest probe of the pile must stay at or above
/// <see cref="ThresholdC"/> for <see cref="Duration"/> without interruption, with at least
/// <see cref="MinTurnings"/> turnings recorded during that time. Readings further apart than
/// <see cref="MaxDataGap"/> interrupt the run (no data is not evidence of heat).
/// </summary>
public sealed record SanitisationRule(string Id, double ThresholdC, TimeSpan Duration, int MinTurnings, TimeSpan MaxDataGap, string Source)
{
    /// <summary>US EPA PFRP (40 CFR 503 App. B), in-vessel or aerated static pile: ≥ 55 °C for 3 days.</summary>
    public static SanitisationRule UsEpaInVessel { get; } = new("us-epa-in-vessel", 55, TimeSpan.FromDays(3), 0, TimeSpan.FromHours(2), "US EPA PFRP, in-vessel / aerated static pile");

    /// <summary>US EPA PFRP windrow: ≥ 55 °C for 15 days with ≥ 5 turnings in that time.</summary>
    public static SanitisationRule UsEpaWindrow { get; } = new("us-epa-windrow", 55, TimeSpan.FromDays(15), 5, TimeSpan.FromHours(2), "US EPA PFRP, windrow");

    /// <summary>EU 142/2011 (animal by-products): 70 °C for 60 min (the particle size ≤ 12 mm is not checked here). A 60-minute
    /// rule needs dense data, so the gap tolerance is 10 minutes.</summary>
    public static SanitisationRule Eu142_2011 { get; } = new("eu-142-2011", 70, TimeSpan.FromMinutes(60), 0, TimeSpan.FromMinutes(10), "EU Regulation 142/2011 Annex V");

    /// <summary>UK catering-waste alternative: 60 °C for 2 days in a closed reactor.</summary>
    public static SanitisationRule UkClosedReactor { get; } = new("uk-closed-reactor", 60, TimeSpan.FromDays(2), 0, TimeSpan.FromHours(2), "UK ABP catering waste, closed reactor");

    /// <summary>UK catering-waste alternative: 60 °C for 8 days with 3 turnings (housed windrow).</summary>
    public static SanitisationRule UkHousedWindrow { get; } = new("uk-housed-windrow", 60, TimeSpan.FromDays(8), 3, TimeSpan.FromHours(2), "UK ABP catering waste, housed windrow");

    /// <summary>
    /// French ICPE composting rules, "aerobic phase ≥ 3 weeks with ≥ 55 °C", encoded in the strictest reading:
    /// the coolest probe ≥ 55 °C continuously for 21 days. The text does not say how long 55 °C must hold inside the
    /// phase; if the site's prefectoral order is more lenient, configure a custom rule.
    /// </summary>
    public static SanitisationRule FrIcpe { get; } = new("fr-icpe", 55, TimeSpan.FromDays(21), 0, TimeSpan.FromHours(2), "French ICPE composting rules (strict reading)");

    /// <summary>French ICPE with forced aeration: the phase may last 2 weeks; same strict reading (14 days ≥ 55 °C).</summary>
    public static SanitisationRule FrIcpeForcedAeration { get; } = new("fr-icpe-forced-air", 55, TimeSpan.FromDays(14), 0, TimeSpan.FromHours(2), "French ICPE composting rules, forced aeration (strict reading)");

    public static IReadOnlyList<SanitisationRule> Presets { get; } =
        [UsEpaInVessel, UsEpaWindrow, Eu142_2011, UkClosedReactor, UkHousedWindrow, FrIcpe, FrIcpeForcedAeration];

    public static SanitisationRule? FindPreset(string id) => Presets.FirstOrDefault(p => p.Id == id);
}
