using System.Text;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Protocol.Tests;

/// <summary>The contract's byte rules: strict UTF-8 everywhere in the payload, no lone surrogates, seq within 0 … 2⁶³−1.</summary>
public class HostileBytesTests
{
    private const string Valid = """{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"energy_import","value":1,"unit":"kWh"}]}""";

    private static byte[] With(string before, byte[] bad, string after) => [.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];

    [Theory]
    [InlineData(new byte[] { 0xff })]              // never valid in UTF-8
    [InlineData(new byte[] { 0xc3, 0x28 })]        // a lead byte without its continuation
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]  // U+D800 encoded directly (CESU), forbidden in UTF-8
    [InlineData(new byte[] { 0xc0, 0xaf })]        // overlong '/'
    public void Refuses_invalid_utf8_in_a_known_field_and_in_an_unknown_one(byte[] bad)
    {
        var inQuantity = With("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"energy_import""", bad, "\",\"value\":1,\"unit\":\"kWh\"}]}");
        var inUnknown = With("""{"seq":1,"time":"2026-06-21T10:15:00Z","note":"x""", bad, "\",\"readings\":[{\"quantity\":\"energy_import\",\"value\":1,\"unit\":\"kWh\"}]}");

        Assert.False(ReadingCodec.TryDecode(inQuantity, out _, out var error));
        Assert.StartsWith("payload is not valid UTF-8 (first bad byte at offset 77)", error); // 77 = length of the text before the bad bytes
        Assert.False(ReadingCodec.TryDecode(inUnknown, out _, out error));
        Assert.StartsWith("payload is not valid UTF-8 (first bad byte at offset 48)", error);
    }

    [Theory]
    [InlineData("""\ud800""")]
    [InlineData("""\uDBFF""")]
    [InlineData("""\udc00""")]
    [InlineData("""\ud800\u0041""")]
    public void Refuses_a_lone_surrogate_escape_wherever_it_is(string escape)
    {
        Assert.False(ReadingCodec.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace("energy_import", "energy_import" + escape)), out _, out var error));
        Assert.Contains("lone surrogate escape at offset", error);
        Assert.False(ReadingCodec.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace("{\"seq\"", "{\"x\":\"" + escape + "\",\"seq\"")), out _, out error));
        Assert.Contains("lone surrogate escape at offset 6", error);
    }

    [Fact]
    public void Accepts_a_surrogate_pair_and_an_escaped_backslash_before_a_u()
    {
        // 😀 as a pair in an unknown field; "\\ud800" is a backslash then the text "ud800", no escape at all.
        var pair = Valid.Replace("{\"seq\"", "{\"x\":\"\\ud83d\\ude00 and \\\\ud800\",\"seq\"");
        Assert.True(ReadingCodec.TryDecode(Encoding.UTF8.GetBytes(pair), out _, out var error), error);
    }

    [Theory]
    [InlineData("9223372036854775807", true)]   // 2⁶³−1, the largest a signed 64-bit store column and counter hold
    [InlineData("9223372036854775808", false)]  // 2⁶³: would be stored as a negative number
    [InlineData("18446744073709551615", false)] // 2⁶⁴−1: was stored as −1 and made the gap counter read 4.6 × 10¹⁸
    [InlineData("0", true)]
    public void Takes_seq_only_within_what_the_store_and_counters_hold(string seq, bool accepted)
    {
        var ok = ReadingCodec.TryDecode(Encoding.UTF8.GetBytes(Valid.Replace("\"seq\":1", "\"seq\":" + seq)), out var m, out var error);
        Assert.Equal(accepted, ok);
        if (ok) Assert.Equal(ulong.Parse(seq, System.Globalization.CultureInfo.InvariantCulture), m.Seq);
        else Assert.Equal("'seq' must be an integer from 0 to 9223372036854775807", error);
    }
}
