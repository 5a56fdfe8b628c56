using System.Globalization;

namespace Lustrac.Energy.Protocol.Site;

/// <summary>Reads and checks the <c>settlement</c> section; every problem names its line.</summary>
internal static class SettlementSection
{
    public static SettlementSettings Read(YamlMap top, string file, List<SiteProblem> problems, SiteInfo site, IReadOnlyList<Household> households)
    {
        var node = top.Map("settlement");
        if (node is null) return SettlementSettings.Default;
        var m = new YamlMap(node, file, problems, "'settlement'");
        int step = (int)(m.Number("step_minutes", 1, 60, fallback: SettlementSettings.DefaultStepMinutes) ?? SettlementSettings.DefaultStepMinutes);
        if (step is not (15 or 30))
            m.Problem(m.Node("step_minutes")!, $"'step_minutes' is {step}; the grid operator settles at 15 or 30 minutes.");
        else if (step % site.IntervalMinutes != 0)
            m.Problem(m.Node("step_minutes") ?? node, $"'step_minutes' is {step}, not a multiple of the site's interval_minutes ({site.IntervalMinutes}); " +
                "a step must be made of whole intervals. Use 30, or lower interval_minutes.");
        var keyText = m.String("key", fallback: "default_dynamic")!;
        SettlementKeyName? key = keyText switch
        {
            "static" => SettlementKeyName.Static,
            "default_dynamic" => SettlementKeyName.DefaultDynamic,
            "dynamic" => SettlementKeyName.Dynamic,
            _ => null,
        };
        if (key is null) m.Problem(m.Node("key")!, $"settlement key '{keyText}' is unknown. Use static, default_dynamic or dynamic.");
        var coefficients = Coefficients(m, file, problems, households);
        if (key is SettlementKeyName.Static or SettlementKeyName.Dynamic)
        {
            var missing = households.Where(h => !coefficients.ContainsKey(h.Id)).Select(h => h.Id).ToList();
            if (missing.Count > 0)
                m.Problem(m.Node("coefficients") ?? node, $"the {keyText} key needs a coefficient for every household; missing: {string.Join(", ", missing)}.");
            if (key == SettlementKeyName.Static && coefficients.Values.Sum() > 1 + 1e-9)
                m.Problem(m.Node("coefficients")!, $"static coefficients add up to {coefficients.Values.Sum().ToString("0.####", CultureInfo.InvariantCulture)}; they must add up to 1 or less (100 %).");
            if (key == SettlementKeyName.Dynamic && missing.Count == 0 && coefficients.Values.All(c => c == 0))
                m.Problem(m.Node("coefficients")!, "dynamic coefficients are all 0: nobody would receive anything.");
        }
        var eur = m.Number("price_eur_per_kwh", 0, 100);
        var abeille = m.Number("price_abeille_per_kwh", 0, 100);
        m.RejectUnknownKeys();
        return new SettlementSettings(step, key ?? SettlementKeyName.DefaultDynamic, coefficients, eur, abeille);
    }

    private static Dictionary<string, double> Coefficients(YamlMap m, string file, List<SiteProblem> problems, IReadOnlyList<Household> households)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (m.Map("coefficients") is not { } node) return result;
        var cm = new YamlMap(node, file, problems, "'settlement.coefficients'");
        foreach (var (k, v) in cm.Scalars())
        {
            if (households.All(h => h.Id != k))
                cm.Problem(cm.Node(k)!, $"'{k}' in settlement.coefficients is not a household id ({string.Join(", ", households.Select(h => h.Id))}).");
            else if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c >= 0 && double.IsFinite(c)) result[k] = c;
            else cm.Problem(cm.Node(k)!, $"the coefficient of '{k}' is '{v}'; it must be a number ≥ 0 (a fraction, e.g. 0.25 for 25 %).");
        }
        return result;
    }
}
