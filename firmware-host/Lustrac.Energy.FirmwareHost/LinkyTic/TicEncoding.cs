using System.Text;

namespace Lustrac.Energy.FirmwareHost.LinkyTic;

/// <summary>The two output modes of a Linky's customer port, as the meter sends them (Enedis-NOI-CPT_54E v3 §5).</summary>
public enum TicOutputMode { Historique, Standard }

/// <summary>
/// Writes TIC groups and frames, from the specification: a frame is STX, groups, ETX; a group is LF, label, separator,
/// [horodate, separator,] data, separator, checksum, CR. The separator is SP in historique and HT in standard; the
/// checksum is (sum &amp; 0x3F) + 0x20 of label to data in historique, of label to the last separator in standard.
/// </summary>
public static class TicEncoding
{
    public const byte Stx = 0x02, Etx = 0x03, Lf = 0x0A, Cr = 0x0D;

    public static int Baud(TicOutputMode mode) => mode == TicOutputMode.Historique ? 1200 : 9600;

    public static string Group(TicOutputMode mode, string label, string data, string? horodate = null)
    {
        var sep = mode == TicOutputMode.Historique ? ' ' : '\t';
        var head = horodate is null ? $"{label}{sep}{data}" : $"{label}{sep}{horodate}{sep}{data}";
        var covered = mode == TicOutputMode.Historique ? head : head + sep;
        var sum = 0;
        foreach (var c in covered) sum += c;
        return $"{head}{sep}{(char)((sum & 0x3F) + 0x20)}";
    }

    public static byte[] Frame(IEnumerable<string> groups)
    {
        var text = new StringBuilder().Append((char)Stx);
        foreach (var g in groups) text.Append((char)Lf).Append(g).Append((char)Cr);
        return Encoding.ASCII.GetBytes(text.Append((char)Etx).ToString());
    }

    /// <summary>A standard-mode horodate SAAMMJJhhmmss in French legal time: E in summer time, H in winter.</summary>
    public static string Horodate(DateTimeOffset t, TimeZoneInfo france)
    {
        var local = TimeZoneInfo.ConvertTime(t, france);
        var season = france.IsDaylightSavingTime(t) ? 'E' : 'H';
        return season + local.ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
    }
}
