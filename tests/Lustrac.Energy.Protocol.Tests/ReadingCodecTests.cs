using System.Text;
using CsCheck;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;

namespace Lustrac.Energy.Protocol.Tests;

public class ReadingCodecTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 21, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Encodes_the_documented_payload_exactly()
    {
        var message = new ReadingMessage(42, Noon, [new Reading("energy_import", 1234.5, "kWh", ReadingQuality.Good)]);

        var json = Encoding.UTF8.GetString(ReadingCodec.Encode(message));

        Assert.Equal("""{"seq":42,"time":"2026-06-21T10:15:00.000Z","readings":[{"quantity":"energy_import","value":1234.5,"unit":"kWh","quality":"good"}]}""", json);
    }

    [Fact]
    public void Round_trips_any_valid_message()
    {
        var genReading = Gen.Select(Gen.Int[0, QuantityVocabulary.All.Count - 1], Gen.Double[-1e12, 1e12], Gen.Int[0, 2],
            (qi, v, quality) =>
            {
                var q = QuantityVocabulary.All[qi];
                return new Reading(q.Name, v, q.Unit, (ReadingQuality)quality);
            });
        var genMessage = Gen.Select(Gen.ULong[0, ReadingCodec.MaxSeq], Gen.Long[0, 4_102_444_800_000L], genReading.List[1, 20],
            (seq, ms, readings) => new ReadingMessage(seq, DateTimeOffset.FromUnixTimeMilliseconds(ms), readings));

        genMessage.Sample(message =>
        {
            Assert.True(ReadingCodec.TryDecode(ReadingCodec.Encode(message), out var decoded, out var error), error);
            Assert.Equal(message.Seq, decoded.Seq);
            Assert.Equal(message.Time, decoded.Time);
            Assert.Equal(message.Readings, decoded.Readings);
        });
    }

    [Fact]
    public void Accepts_a_payload_with_a_zone_offset_and_without_quality()
    {
        var payload = """{"seq":7,"time":"2026-06-21T12:15:00+02:00","readings":[{"quantity":"temperature","value":56.25,"unit":"degC"}],"extra":{"ignored":true}}""";

        Assert.True(ReadingCodec.TryDecode(Encoding.UTF8.GetBytes(payload), out var m, out var error), error);

        Assert.Equal(Noon, m.Time); // 12:15+02:00 is 10:15Z
        Assert.Equal(ReadingQuality.Good, m.Readings[0].Quality);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"voltage","value":230,"unit":"V"}]}""", "'seq' is missing")]
    [InlineData("""{"seq":-1,"time":"2026-06-21T10:15:00Z","readings":[]}""", "'seq' must be an integer from 0 to 9223372036854775807")]
    [InlineData("""{"seq":"1","time":"2026-06-21T10:15:00Z","readings":[]}""", "'seq' must be an integer from 0 to 9223372036854775807")]
    [InlineData("""{"seq":1,"readings":[{"quantity":"voltage","value":230,"unit":"V"}]}""", "'time' is missing")]
    [InlineData("""{"seq":1,"time":"2026-06-21 10:15","readings":[]}""", "'time' must be an RFC 3339 timestamp")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00","readings":[]}""", "'time' must be an RFC 3339 timestamp")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z"}""", "'readings' is missing")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[]}""", "'readings' is empty")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":{}}""", "'readings' must be an array")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"power","value":1,"unit":"W"}]}""", "unknown quantity 'power'")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"energy_import","value":1,"unit":"Wh"}]}""", "unit 'Wh' where the contract fixes 'kWh'")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"voltage","value":"230","unit":"V"}]}""", "value must be a finite number")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"voltage","value":NaN,"unit":"V"}]}""", "not valid JSON")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"voltage","value":1e999,"unit":"V"}]}""", "value must be a finite number")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"voltage","unit":"V"}]}""", "value is missing")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"voltage","value":230,"unit":"V","quality":"ok"}]}""", "quality 'ok' is not good, uncertain or bad")]
    [InlineData("""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"voltage","value":230,"unit":"V"}]} {}""", "")]
    public void Rejects_a_malformed_payload_with_its_reason(string payload, string expectedReason)
    {
        var ok = ReadingCodec.TryDecode(Encoding.UTF8.GetBytes(payload), out _, out var error);

        Assert.False(ok);
        Assert.Contains(expectedReason, error);
    }

    [Fact]
    public void Rejects_a_payload_over_the_size_limit_before_parsing_it()
    {
        var huge = new byte[ReadingCodec.MaxPayloadBytes + 1];

        Assert.False(ReadingCodec.TryDecode(huge, out _, out var error));
        Assert.Contains("limit", error);
    }

    [Fact]
    public void Rejects_more_readings_than_one_message_may_carry()
    {
        var readings = Enumerable.Repeat(new Reading("voltage", 230, "V", ReadingQuality.Good), ReadingCodec.MaxReadingsPerMessage + 1).ToList();
        var payload = ReadingCodec.Encode(new ReadingMessage(1, Noon, readings));

        Assert.False(ReadingCodec.TryDecode(payload, out _, out var error));
        Assert.Contains("more than 256 readings", error);
    }

    [Fact]
    public void Refuses_to_encode_a_value_json_cannot_carry()
    {
        var message = new ReadingMessage(1, Noon, [new Reading("voltage", double.NaN, "V", ReadingQuality.Good)]);

        Assert.Throws<ArgumentException>(() => ReadingCodec.Encode(message));
    }

    [Fact]
    public void Reads_escaped_names_and_texts_as_their_plain_form()
    {
        var payload = """{"s\u0065q":7,"time":"2026-06-21T10:15:00\u002e000Z","readings":[{"qu\u0061ntity":"energy_\u0069mport","value":1,"unit":"k\u0057h","quality":"unc\u0065rtain"}]}""";

        Assert.True(ReadingCodec.TryDecode(Encoding.UTF8.GetBytes(payload), out var m, out var error), error);

        Assert.Equal(7UL, m.Seq);
        Assert.Equal(Noon, m.Time);
        Assert.Equal(new Reading("energy_import", 1, "kWh", ReadingQuality.Uncertain), m.Readings[0]);
    }

    [Fact]
    public void Names_a_long_unknown_text_in_its_reason()
    {
        var unit = new string('w', 100);
        var payload = $$"""{"seq":1,"time":"2026-06-21T10:15:00Z","readings":[{"quantity":"voltage","value":230,"unit":"{{unit}}"}]}""";

        Assert.False(ReadingCodec.TryDecode(Encoding.UTF8.GetBytes(payload), out _, out var error));
        Assert.Contains($"unit '{new string('w', 40)}…'", error);
    }
}
