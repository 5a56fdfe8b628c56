using Lustrac.Energy.Protocol.Quantities;

namespace Lustrac.Energy.Gateway.LinkyTic;

/// <summary>
/// The labels this driver reads, as data (Enedis-NOI-CPT_54E v3 §6.1 historique, §6.2 standard), and the quantity each
/// becomes. Indexes are in Wh on the wire and kWh in the vocabulary; powers in VA; currents in A; voltages in V.
/// </summary>
public static class TicLabels
{
    /// <summary>Historique: each tariff option's indexes, in the order that numbers them 01, 02, …</summary>
    public static readonly IReadOnlyDictionary<string, string[]> HistoriqueIndexesByOption = new Dictionary<string, string[]>
    {
        ["BASE"] = ["BASE"],
        ["HC.."] = ["HCHC", "HCHP"],
        ["EJP."] = ["EJPHN", "EJPHPM"],
        ["BBR"] = ["BBRHCJB", "BBRHPJB", "BBRHCJW", "BBRHPJW", "BBRHCJR", "BBRHPJR"], // Tempo: OPTARIF "BBRx", x the program
    };

    /// <summary>Historique index label → its tariff number (1-based).</summary>
    public static readonly IReadOnlyDictionary<string, int> HistoriqueTariffOf = HistoriqueIndexesByOption.Values
        .SelectMany(labels => labels.Select((label, i) => (label, n: i + 1)))
        .ToDictionary(x => x.label, x => x.n);

    /// <summary>The indexes the meter's option (historique OPTARIF) says a complete frame carries, or null if unknown.</summary>
    public static string[]? HistoriqueIndexesFor(string? optarif)
    {
        if (optarif is null) return null;
        if (optarif.StartsWith("BBR", StringComparison.Ordinal)) return HistoriqueIndexesByOption["BBR"];
        return HistoriqueIndexesByOption.GetValueOrDefault(optarif);
    }

    /// <summary>Gauges read the same way in both modes: label → quantity.</summary>
    public static readonly IReadOnlyDictionary<string, Quantity> Gauges = new Dictionary<string, Quantity>
    {
        ["PAPP"] = QuantityVocabulary.ApparentPower,   // historique, VA
        ["SINSTS"] = QuantityVocabulary.ApparentPower, // standard, VA withdrawn
        ["IINST"] = QuantityVocabulary.Current,        // historique single-phase, A
        ["IINST1"] = QuantityVocabulary.CurrentL1,     // historique three-phase
        ["IINST2"] = QuantityVocabulary.CurrentL2,
        ["IINST3"] = QuantityVocabulary.CurrentL3,
        ["URMS1"] = QuantityVocabulary.Voltage,        // standard, V
        ["URMS2"] = QuantityVocabulary.VoltageL2,
        ["URMS3"] = QuantityVocabulary.VoltageL3,
        ["IRMS2"] = QuantityVocabulary.CurrentL2,      // standard, A; IRMS1 depends on the phase count
        ["IRMS3"] = QuantityVocabulary.CurrentL3,
    };

    /// <summary>
    /// How many digits the specification fixes for each numeric label's data: indexes 9 (Wh), powers 5 (VA), currents
    /// and voltages 3. A group of another length is corrupt even if its checksum holds: inserted bytes whose sum is a
    /// multiple of 64 (such as "0000") pass the checksum but never keep the length.
    /// </summary>
    public static int DigitsOf(string label) => label switch
    {
        "PAPP" or "SINSTS" => 5,
        "IINST" or "IINST1" or "IINST2" or "IINST3" or "IRMS1" or "IRMS2" or "IRMS3" or "URMS1" or "URMS2" or "URMS3" => 3,
        _ => 9,
    };

    /// <summary>Standard: supplier tariff index label EASF01…EASF10 → its tariff number.</summary>
    public static int? StandardTariffOf(string label) =>
        label.Length == 6 && label.StartsWith("EASF", StringComparison.Ordinal) && int.TryParse(label.AsSpan(4), out var n) && n is >= 1 and <= 10 ? n : null;
}
