using System.Text;

namespace Lustrac.Energy.Gateway.LinkyTic;

/// <summary>
/// Splits the body of a frame (the bytes between STX and ETX) into groups LF … CR and keeps those whose checksum holds
/// under the mode's rule. Pure: bytes in, groups and a count of dropped ones out.
/// </summary>
public static class TicFrameParser
{
    /// <summary>Longest group the specification allows is well under this (label 8, horodate 13, data ≤ 98 in standard).</summary>
    private const int MaxGroupLength = 128;

    public static TicFrame Parse(ReadOnlySpan<byte> body, TicMode mode)
    {
        var groups = new List<TicGroup>();
        var dropped = 0;
        var i = 0;
        while (i < body.Length)
        {
            var lf = body[i..].IndexOf(TicModes.Lf);
            if (lf < 0)
            {
                if (!IsBlank(body[i..])) dropped++; // noise after the last group
                break;
            }
            if (!IsBlank(body.Slice(i, lf))) dropped++; // noise before this group
            var start = i + lf + 1;
            var rest = body[start..];
            var cr = rest.IndexOf(TicModes.Cr);
            var nextLf = rest.IndexOf(TicModes.Lf);
            if (cr < 0 || (nextLf >= 0 && nextLf < cr))
            {
                dropped++; // cut short: no CR before the frame ends or the next group starts
                i = nextLf >= 0 ? start + nextLf : body.Length;
                continue;
            }
            if (TryParseGroup(rest[..cr], mode) is { } group) groups.Add(group);
            else dropped++;
            i = start + cr + 1;
        }
        return new TicFrame(mode, groups, dropped);
    }

    /// <summary>One group without its LF and CR, or null when it is not a valid group of this mode.</summary>
    public static TicGroup? TryParseGroup(ReadOnlySpan<byte> group, TicMode mode)
    {
        var sep = mode.Separator();
        if (group.Length < 4 || group.Length > MaxGroupLength || group[^2] != sep) return null;
        foreach (var b in group)
            if (b > 0x7E || (b < 0x20 && b != TicModes.Ht)) return null; // 7-bit printable text and the separators only
        var covered = group[..mode.CoveredLength(group.Length)];
        if (TicModes.Checksum(covered) != group[^1]) return null;

        var text = Encoding.ASCII.GetString(group[..^2]);
        string[] fields = mode == TicMode.Historique ? text.Split((char)sep, 2) : text.Split((char)sep);
        if (fields.Length is < 2 or > 3 || (mode == TicMode.Historique && fields.Length != 2)) return null;
        if (fields[0].Length == 0 || fields[0].Contains(' ', StringComparison.Ordinal) || fields[0].Contains('\t', StringComparison.Ordinal)) return null;
        if (mode == TicMode.Historique && fields[1].Contains('\t', StringComparison.Ordinal)) return null;
        return fields.Length == 2 ? new TicGroup(fields[0], fields[1]) : new TicGroup(fields[0], fields[2], fields[1]);
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.IsEmpty;
}
