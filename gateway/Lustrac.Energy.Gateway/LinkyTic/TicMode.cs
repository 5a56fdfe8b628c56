namespace Lustrac.Energy.Gateway.LinkyTic;

/// <summary>
/// The two output modes of a Linky's customer port (Enedis-NOI-CPT_54E v3 §5): <b>historique</b>, what older
/// electronic meters sent and a Linky's default, and <b>standard</b>, richer (injection index, meter date). Both are
/// 7 data bits, even parity, 1 stop bit; they differ in speed, separator and the bytes the checksum covers.
/// </summary>
public enum TicMode
{
    Historique,
    Standard,
}

public static class TicModes
{
    public const byte Stx = 0x02, Etx = 0x03, Eot = 0x04, Lf = 0x0A, Cr = 0x0D, Sp = 0x20, Ht = 0x09;

    public static int Baud(this TicMode mode) => mode == TicMode.Historique ? 1200 : 9600;

    /// <summary>Between label, horodate, data and checksum: space in historique, horizontal tab in standard.</summary>
    public static byte Separator(this TicMode mode) => mode == TicMode.Historique ? Sp : Ht;

    public static string Name(this TicMode mode) => mode == TicMode.Historique ? "historique" : "standard";

    /// <summary>
    /// Checksum of one group (bytes between LF and CR): (sum of the covered bytes &amp; 0x3F) + 0x20. Historique covers
    /// label to data, the separator before the checksum excluded; standard covers it too (label to the last separator).
    /// </summary>
    public static byte Checksum(ReadOnlySpan<byte> covered)
    {
        var sum = 0;
        foreach (var b in covered) sum += b;
        return (byte)((sum & 0x3F) + 0x20);
    }

    /// <summary>The bytes the checksum covers in a group of <paramref name="length"/> bytes ending "SEP checksum".</summary>
    public static int CoveredLength(this TicMode mode, int length) => mode == TicMode.Historique ? length - 2 : length - 1;
}
