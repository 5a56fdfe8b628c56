namespace Lustrac.Energy.Server.Explain;

/// <summary>Text in the two languages of the screens.</summary>
public sealed record Words(string Fr, string En);

/// <summary>One row of an explanation's table: the start of the interval (or day) and the engine's stored values, in the order of the columns.</summary>
public sealed record ExplainRow(DateTime StartUtc, string Quality, IReadOnlyList<double?> Values);

/// <summary>
/// "How is this computed?" for one figure over one range: the definition in words, the formula, the stored rows it is
/// made of (a table), their sums and the figure, and the formula filled with those sums. Every number is the engine's
/// (stored rows, or the same period sums /api/autonomy serves): nothing here is recomputed by a page.
/// </summary>
/// <param name="Subject">The tank or compost pile explained, when the figure is about one.</param>
/// <param name="Sums">The sums shown under the table, by column name (null: no row with a value).</param>
/// <param name="Filled">The formula with this range's numbers (invariant culture: a page formats its own copy from <see cref="Sums"/>).</param>
/// <param name="Hidden">Households whose columns this viewer may not see (privacy), listed by count only.</param>
public sealed record Explanation(
    string Figure, string Scope, string? Household, string? Subject, DateTime FromUtc, DateTime ToUtc,
    Words Definition, string Formula, IReadOnlyList<string> Columns, IReadOnlyList<ExplainRow> Rows,
    IReadOnlyDictionary<string, double?> Sums, double? Value, string Filled, string Unit, int Hidden = 0);

/// <summary>The figures this endpoint explains, with the words and formula of each.</summary>
public static class ExplainFigures
{
    public const string SelfSufficiency = "self_sufficiency";
    public const string SelfConsumption = "self_consumption";
    public const string Allocation = "allocation";
    public const string WaterAutonomy = "water_autonomy";
    public const string TankDaysLeft = "tank_days_left";
    public const string CompostProgress = "compost_progress";
    public const string VitalNeeds = "vital_needs";

    public static readonly string[] All = [SelfSufficiency, SelfConsumption, Allocation, WaterAutonomy, TankDaysLeft, CompostProgress, VitalNeeds];

    public static Words Definition(string figure) => figure switch
    {
        SelfSufficiency => new(
            "Taux d'autoproduction : la part de la consommation couverte par l'énergie produite sur place, calculée à chaque intervalle puis additionnée (jamais la moyenne des taux).",
            "Self-sufficiency: the share of consumption covered by energy produced on site, netted in each interval and then summed (never an average of ratios)."),
        SelfConsumption => new(
            "Taux d'autoconsommation : la part de la production consommée sur place à l'intervalle même où elle est produite ; le reste part au réseau.",
            "Self-consumption: the share of production used on site in the very interval it is produced; the rest is exported to the grid."),
        Allocation => new(
            "Répartition des panneaux partagés : à chaque intervalle, la production des panneaux partagés est répartie entre les foyers selon la clé du site, chaque part plafonnée à la consommation du foyer.",
            "Allocation of the shared arrays: in each interval the shared arrays' production is split among households under the site's key, each share capped at the household's consumption."),
        WaterAutonomy => new(
            "Autonomie en eau : la part de l'eau utilisée qui vient de la pluie (cuves) plutôt que du réseau.",
            "Water autonomy: the share of the water used that comes from rain (tanks) rather than the mains."),
        TankDaysLeft => new(
            "Jours d'eau restants : le volume de la cuve divisé par ce qui y a été puisé en moyenne par jour sur les dernières 24 heures.",
            "Days of water left: the tank's volume divided by the mean daily draw over the last 24 hours."),
        CompostProgress => new(
            "Avancement de l'hygiénisation du compost : l'exigence la moins avancée de la règle, temps chaud de la montée en cours sur la durée exigée, et retournements sur ceux exigés.",
            "Compost sanitisation progress: the least advanced requirement of the rule, hot time of the current run over the duration required, and turnings over those required."),
        _ => new(
            "Indice des besoins vitaux : la moyenne, à poids égaux, des composantes connues : énergie (autoproduction), eau (pluie), matière organique (compost détourné), chacune calculée de ses sommes.",
            "Vital-needs index: the equally weighted mean of the known components: energy (self-sufficiency), water (rain), organic matter (compost diverted), each computed from its sums."),
    };

    public static string Formula(string figure) => figure switch
    {
        SelfSufficiency => "SS = Σ locally supplied / Σ consumption  (no battery: locally supplied = min(consumption, production) in each interval)",
        SelfConsumption => "SC = Σ self-consumed / Σ production,  self-consumed = min(consumption, production) in each interval",
        Allocation => "share = Σ allocated / Σ shared production,  allocated(h) = key(h) × shared production, capped at consumption(h)",
        WaterAutonomy => "WA = Σ rain / (Σ rain + Σ mains)",
        TankDaysLeft => "days left = volume / (litres drawn over the last 24 h / 1 day)",
        CompostProgress => "progress = min(hot hours / hours required, turnings / turnings required)  (1 once achieved)",
        _ => "index = (energy + water + compost) / n,  n = components defined;  each = Σ part / Σ whole",
    };
}
