using System.Globalization;

namespace Lustrac.Energy.Autonomy.Settlement.Reconciliation;

/// <summary>
/// Reads the operator's figures from a CSV with a header naming the columns (in any order, ';' or ','-free):
/// <c>participant;debut;duree_min;consommation_kwh;autoconsomme_kwh</c>. <c>debut</c> is ISO 8601 with an offset or Z
/// (<c>2026-10-25T02:00:00+02:00</c>), a local time without offset (refused in the hour the clocks go back, which
/// happens twice, and in the hour skipped in March), or <c>YYYY-MM</c> for monthly quantities (then <c>duree_min</c>
/// is empty). <c>duree_min</c>: 5, 10, 15, 30 or 60 — steps may be mixed. Decimal comma or point; lines in any order.
/// </summary>
public static class OperatorFileReader
{
    public static readonly string[] Columns = ["participant", "debut", "duree_min", "consommation_kwh", "autoconsomme_kwh"];

    public static IReadOnlyList<OperatorRecord> Read(string text, TimeZoneInfo zone)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        if (lines.Length == 0 || lines[0].Trim().Length == 0) throw new OperatorFileException("line 1: the file is empty; it needs a header line: " + string.Join(';', Columns));
        var header = lines[0].Split(';').Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Col(string name, bool required)
        {
            int i = header.IndexOf(name);
            if (i < 0 && required) throw new OperatorFileException($"line 1: the header has no column '{name}'; expected {string.Join(';', Columns)} (';' between them).");
            return i;
        }
        int cP = Col("participant", true), cD = Col("debut", true), cM = Col("duree_min", true), cC = Col("consommation_kwh", true), cA = Col("autoconsomme_kwh", false);
        var records = new List<OperatorRecord>();
        for (int n = 1; n < lines.Length; n++)
        {
            if (lines[n].Trim().Length == 0) continue;
            var f = lines[n].Split(';');
            int line = n + 1;
            string Get(int c, string name) => c < f.Length ? f[c].Trim() : throw new OperatorFileException($"line {line}: column '{name}' is missing (the line has {f.Length} fields).");
            var participant = Get(cP, "participant");
            if (participant.Length == 0) throw new OperatorFileException($"line {line}, column 'participant': empty.");
            double consumption = Energy(Get(cC, "consommation_kwh"), line, "consommation_kwh")!.Value;
            double? auto = cA >= 0 && cA < f.Length && f[cA].Trim().Length > 0 ? Energy(f[cA].Trim(), line, "autoconsomme_kwh") : null;
            var start = Get(cD, "debut");
            if (start.Length == 7 && DateTime.TryParseExact(start, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            {
                records.Add(new OperatorRecord(line, participant, default, 0, consumption, auto, (month.Year, month.Month)));
                continue;
            }
            var minutesText = Get(cM, "duree_min");
            if (!int.TryParse(minutesText, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes is not (5 or 10 or 15 or 30 or 60))
                throw new OperatorFileException($"line {line}, column 'duree_min': '{minutesText}' is not a curve step; use 5, 10, 15, 30 or 60 (minutes).");
            records.Add(new OperatorRecord(line, participant, StartUtc(start, zone, line), minutes, consumption, auto));
        }
        return records;
    }

    private static double? Energy(string text, int line, string column)
    {
        if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)) return v;
        throw new OperatorFileException($"line {line}, column '{column}': '{text}' is not an energy in kWh ≥ 0 (decimal comma or point).");
    }

    private static DateTime StartUtc(string text, TimeZoneInfo zone, int line)
    {
        var styles = DateTimeStyles.AllowWhiteSpaces;
        bool hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var withOffset))
            return withOffset.UtcDateTime;
        if (!hasOffset && DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out var local))
        {
            local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            if (zone.IsAmbiguousTime(local))
                throw new OperatorFileException($"line {line}, column 'debut': {text} happens twice (the clocks go back that night); write it with its offset, e.g. {text}+02:00 (summer) or {text}+01:00 (winter).");
            if (zone.IsInvalidTime(local))
                throw new OperatorFileException($"line {line}, column 'debut': {text} does not exist (the clocks skip that hour in March).");
            return TimeZoneInfo.ConvertTimeToUtc(local, zone);
        }
        throw new OperatorFileException($"line {line}, column 'debut': '{text}' is not a time; use ISO 8601 such as 2026-10-25T02:00:00+02:00, or YYYY-MM for a month.");
    }
}
