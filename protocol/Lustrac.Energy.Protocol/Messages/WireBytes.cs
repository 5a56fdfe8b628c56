using System.Text.Unicode;

namespace Lustrac.Energy.Protocol.Messages;

/// <summary>
/// The byte-level rules of contract v1, checked on the whole payload before it is parsed: strict UTF-8 (the JSON
/// reader only checks the strings it is asked to read, so bad bytes in an unknown field would slip through) and no
/// lone surrogate escape such as <c>\ud800</c> (valid JSON syntax, but no Unicode text: it cannot be stored).
/// </summary>
public static class WireBytes
{
    /// <summary>True when <paramref name="payload"/> is strict UTF-8 without lone surrogate escapes; else why not.</summary>
    public static bool TryCheck(ReadOnlySpan<byte> payload, out string error)
    {
        if (!Utf8.IsValid(payload))
        {
            error = $"payload is not valid UTF-8 (first bad byte at offset {FirstInvalidUtf8(payload)}); the contract is UTF-8 JSON";
            return false;
        }
        var at = LoneSurrogateEscape(payload);
        if (at >= 0)
        {
            error = $"payload has a lone surrogate escape at offset {at} ('{System.Text.Encoding.ASCII.GetString(payload.Slice(at, 6))}'): not Unicode text";
            return false;
        }
        error = "";
        return true;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> payload)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(payload, new char[payload.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? payload.Length : read;
    }

    /// <summary>Offset of the first <c>\uD800</c>–<c>\uDFFF</c> escape not forming a high-low pair, or -1.</summary>
    public static int LoneSurrogateEscape(ReadOnlySpan<byte> payload)
    {
        if (payload.IndexOf("\\u"u8) < 0) return -1; // the usual case: no escapes at all
        var i = 0;
        while (i < payload.Length)
        {
            if (payload[i] != (byte)'\\') { i++; continue; }
            // Backslashes only occur inside strings in JSON; each starts a two-byte or \uXXXX escape.
            if (i + 1 >= payload.Length || payload[i + 1] != (byte)'u' || !TryHex4(payload, i + 2, out var unit)) { i += 2; continue; }
            if (unit is >= 0xDC00 and <= 0xDFFF) return i;
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 11 < payload.Length && payload[i + 6] == (byte)'\\' && payload[i + 7] == (byte)'u'
                    && TryHex4(payload, i + 8, out var low) && low is >= 0xDC00 and <= 0xDFFF)
                {
                    i += 12;
                    continue;
                }
                return i;
            }
            i += 6;
        }
        return -1;
    }

    private static bool TryHex4(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at + 4 > s.Length) return false;
        for (var k = 0; k < 4; k++)
        {
            var d = HexDigit(s[at + k]);
            if (d < 0) return false;
            value = value * 16 + d;
        }
        return true;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
