using System.Globalization;

namespace Lustrac.Energy.Autonomy.Settlement;

/// <summary>
/// The key file the cooperative (PMO) sends the grid operator: one line per step and participant with its coefficient
/// in percent, 3 decimals, rounded down (<see cref="KeyCoefficients"/>). Enedis' exact format is not public (see
/// README), so this is the closest plain CSV: <c>debut_utc;debut_local;participant;coefficient_pct</c>, ';' and a
/// decimal comma like the statements; times ISO 8601, UTC with Z and local with its offset, so the two 02:00 of the
/// October change stay distinct. Steps with a missing meter carry no line: no coefficient can be computed.
/// </summary>
public static class KeyFile
{
    public static readonly string[] Header = ["debut_utc", "debut_local", "participant", "coefficient_pct"];

    public static IEnumerable<string> Lines(IReadOnlyList<SettlementStep> steps, IReadOnlyList<string> participants, TimeZoneInfo zone)
    {
        yield return FrenchCsv.Line(Header);
        foreach (var s in steps.OrderBy(s => s.StartUtc))
        {
            if (s.Participants is null) continue;
            var local = new DateTimeOffset(s.StartUtc).ToOffset(zone.GetUtcOffset(s.StartUtc));
            for (int h = 0; h < participants.Count; h++)
                yield return FrenchCsv.Line(s.StartUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    local.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), participants[h],
                    FrenchCsv.Number(s.Participants[h].Coefficient * 100, KeyCoefficients.PercentDecimals));
        }
    }

    public static byte[] Bytes(IReadOnlyList<SettlementStep> steps, IReadOnlyList<string> participants, TimeZoneInfo zone) =>
        FrenchCsv.Bytes(Lines(steps, participants, zone));
}
