namespace Lustrac.Energy.Autonomy.Settlement;

/// <summary>
/// A household's monthly statement as a French CSV: a line per local day, then the month's total and its value.
/// Energies in kWh with 3 decimals (the Wh the operator's curves count in); money with 2.
/// </summary>
public static class StatementCsv
{
    public static readonly string[] Header =
        ["foyer", "jour", "consommation_kwh", "autoconsomme_kwh", "complement_kwh", "pas_regles", "pas_du_jour"];

    public static IEnumerable<string> Lines(MonthlyStatement s)
    {
        yield return FrenchCsv.Line(Header);
        foreach (var d in s.Days)
            yield return FrenchCsv.Line(s.Household, FrenchCsv.Date(d.Day), Kwh(d.Consumption), Kwh(d.Autoconsumed), Kwh(d.Complement),
                d.StepsSettled.ToString(FrenchCsv.French), d.Steps.ToString(FrenchCsv.French));
        yield return FrenchCsv.Line(s.Household, $"total {s.Month:00}/{s.Year}", Kwh(s.Consumption), Kwh(s.Autoconsumed), Kwh(s.Complement),
            s.StepsSettled.ToString(FrenchCsv.French), s.Steps.ToString(FrenchCsv.French));
        if (s.StayedEur is double eur) yield return FrenchCsv.Line(s.Household, "reste_dans_le_quartier_eur", FrenchCsv.Number(eur, 2));
        if (s.StayedAbeilles is double ab) yield return FrenchCsv.Line(s.Household, "reste_dans_le_quartier_abeilles", FrenchCsv.Number(ab, 2));
    }

    public static byte[] Bytes(MonthlyStatement s) => FrenchCsv.Bytes(Lines(s));

    private static string Kwh(double v) => FrenchCsv.Number(v, 3);
}
