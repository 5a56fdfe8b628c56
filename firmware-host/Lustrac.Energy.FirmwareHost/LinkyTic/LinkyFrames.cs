using System.Globalization;

namespace Lustrac.Energy.FirmwareHost.LinkyTic;

/// <summary>
/// The groups a single-phase Linky sends in each mode, labels and data lengths from Enedis-NOI-CPT_54E v3 §6.1
/// (historique: indexes 9 digits Wh, PAPP 5 digits VA, IINST 3 digits A) and §6.2 (standard: EAST, EASF01–10,
/// EASD01–04, EAIT 9 digits Wh; SINSTS/SINSTI 5 digits VA; IRMS1, URMS1 3 digits; NGTF, LTARF 16 characters).
/// </summary>
public static class LinkyFrames
{
    public static IReadOnlyList<string> Groups(TicOutputMode mode, string meterId, LinkyValues v, TimeZoneInfo france) =>
        mode == TicOutputMode.Historique ? Historique(meterId, v) : Standard(meterId, v, france);

    private static string D(long value, int digits) => Math.Clamp(value, 0, (long)Math.Pow(10, digits) - 1).ToString("D" + digits, CultureInfo.InvariantCulture);

    private static List<string> Historique(string meterId, LinkyValues v)
    {
        string G(string label, string data) => TicEncoding.Group(TicOutputMode.Historique, label, data);
        var hc = v.TariffIndexesWh.Length == 2;
        var groups = new List<string> { G("ADCO", meterId), G("OPTARIF", hc ? "HC.." : "BASE"), G("ISOUSC", "45") };
        if (hc)
        {
            groups.Add(G("HCHC", D(v.TariffIndexesWh[0], 9)));
            groups.Add(G("HCHP", D(v.TariffIndexesWh[1], 9)));
        }
        else groups.Add(G("BASE", D(v.TariffIndexesWh[0], 9)));
        groups.Add(G("PTEC", !hc ? "TH.." : v.OffPeak ? "HC.." : "HP.."));
        groups.Add(G("IINST", D(v.CurrentA, 3)));
        groups.Add(G("IMAX", "090"));
        groups.Add(G("PAPP", D(v.ImportVa, 5)));
        groups.Add(G("HHPHC", "A"));
        groups.Add(G("MOTDETAT", "000000"));
        return groups;
    }

    private static List<string> Standard(string meterId, LinkyValues v, TimeZoneInfo france)
    {
        string G(string label, string data, string? horodate = null) => TicEncoding.Group(TicOutputMode.Standard, label, data, horodate);
        var hc = v.TariffIndexesWh.Length == 2;
        var groups = new List<string>
        {
            G("ADSC", meterId), G("VTIC", "02"), G("DATE", "", TicEncoding.Horodate(v.Time, france)),
            G("NGTF", hc ? " H PLEINE/CREUSE" : "      BASE      "),
            G("LTARF", !hc ? "      BASE      " : v.OffPeak ? "  HEURE CREUSE  " : "  HEURE PLEINE  "),
            G("EAST", D(v.TotalWh, 9)),
        };
        for (var i = 1; i <= 10; i++) groups.Add(G($"EASF{i:D2}", D(i <= v.TariffIndexesWh.Length ? v.TariffIndexesWh[i - 1] : 0, 9)));
        for (var i = 1; i <= 4; i++) groups.Add(G($"EASD{i:D2}", D(i <= v.TariffIndexesWh.Length ? v.TariffIndexesWh[i - 1] : 0, 9)));
        groups.Add(G("EAIT", D(v.InjectedWh, 9)));
        groups.Add(G("IRMS1", D(v.CurrentA, 3)));
        groups.Add(G("URMS1", D(v.VoltageV, 3)));
        groups.Add(G("PREF", "09"));
        groups.Add(G("PCOUP", "09"));
        groups.Add(G("SINSTS", D(v.ImportVa, 5)));
        groups.Add(G("SINSTI", D(v.ExportVa, 5)));
        groups.Add(G("STGE", "003A0001"));
        groups.Add(G("NTARF", hc && v.OffPeak ? "01" : hc ? "02" : "01"));
        return groups;
    }
}
