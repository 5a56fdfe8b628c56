using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;

namespace Lustrac.Energy.Gateway.LinkyTic;

/// <summary>What one frame says, in the vocabulary, and the meter's own clock when it sent it (standard mode).</summary>
/// <param name="UnreadableValues">Groups whose checksum held but whose data is not the number the label promises.</param>
public sealed record TicReadout(IReadOnlyList<Reading> Readings, TicHorodate? MeterTime, int UnreadableValues);

/// <summary>
/// Turns the valid groups of a frame into readings. <c>energy_import</c> is the meter's total of its tariff indexes:
/// EAST in standard mode; in historique the sum of the indexes of the tariff option, published only when every one of
/// them arrived intact (a dropped index would make the sum wrong). Per-tariff indexes are their own readings, EAIT
/// (energy injected) is <c>energy_export</c>.
/// </summary>
public static class TicReadings
{
    public static TicReadout From(TicFrame frame)
    {
        var readings = new List<Reading>();
        var unreadable = 0;
        void Add(Quantity q, decimal value)
        {
            if (RoleQuantities.Checked(q, (double)value) is { } r) readings.Add(r);
        }
        decimal? Number(TicGroup g)
        {
            if (g.Data.Length == TicLabels.DigitsOf(g.Label) && g.Data.All(char.IsAsciiDigit)) return decimal.Parse(g.Data, System.Globalization.CultureInfo.InvariantCulture);
            unreadable++;
            return null;
        }

        var threePhase = frame.Find("IRMS2") is not null || frame.Find("URMS2") is not null;
        var tariffKwh = new SortedDictionary<int, decimal>();
        var historiqueIndexes = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var g in frame.Groups)
        {
            if (TicLabels.Gauges.TryGetValue(g.Label, out var gauge))
            {
                if (Number(g) is { } v) Add(gauge, v);
            }
            else if (g.Label == "IRMS1")
            {
                if (Number(g) is { } v) Add(threePhase ? QuantityVocabulary.CurrentL1 : QuantityVocabulary.Current, v);
            }
            else if (frame.Mode == TicMode.Standard && g.Label == "EAST")
            {
                if (Number(g) is { } wh) Add(QuantityVocabulary.EnergyImport, wh / 1000m);
            }
            else if (frame.Mode == TicMode.Standard && g.Label == "EAIT")
            {
                if (Number(g) is { } wh) Add(QuantityVocabulary.EnergyExport, wh / 1000m);
            }
            else if (frame.Mode == TicMode.Standard && TicLabels.StandardTariffOf(g.Label) is { } n)
            {
                if (Number(g) is { } wh) tariffKwh[n] = wh / 1000m;
            }
            else if (frame.Mode == TicMode.Historique && TicLabels.HistoriqueTariffOf.TryGetValue(g.Label, out var h))
            {
                if (Number(g) is { } wh)
                {
                    tariffKwh[h] = wh / 1000m;
                    historiqueIndexes[g.Label] = wh / 1000m;
                }
            }
        }
        foreach (var (n, kwh) in tariffKwh) Add(QuantityVocabulary.EnergyImportTariffs[n - 1], kwh);
        if (frame.Mode == TicMode.Historique && HistoriqueTotal(frame, historiqueIndexes, unreadable) is { } total)
            Add(QuantityVocabulary.EnergyImport, total);

        var meterTime = frame.Mode == TicMode.Standard ? TicHorodate.TryParse(frame.Find("DATE")?.Horodate) : null;
        return new TicReadout(readings, meterTime, unreadable);
    }

    /// <summary>
    /// The sum of the option's indexes when all of them are here. Without a readable OPTARIF nothing says which indexes a
    /// whole frame carries (a frame cut by a stray STX has no dropped group yet lacks its first groups), so no total.
    /// </summary>
    private static decimal? HistoriqueTotal(TicFrame frame, Dictionary<string, decimal> indexes, int unreadable)
    {
        if (indexes.Count == 0) return null;
        if (TicLabels.HistoriqueIndexesFor(frame.Find("OPTARIF")?.Data) is { } expected)
            return expected.All(indexes.ContainsKey) ? expected.Sum(label => indexes[label]) : null;
        return null;
    }
}
