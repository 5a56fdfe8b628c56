using System.Text;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Tests;

public class LineProtocolTests
{
    [Fact]
    public void Writes_a_reading_as_one_line_with_tags_fields_and_millisecond_time()
    {
        var r = new StoredReading("lustrac", "gw-est", "h01-meter", "household_meter", "h01", null, "energy_import", "kWh",
            DateTimeOffset.FromUnixTimeMilliseconds(1782036900123), 10234.5, ReadingQuality.Good, 42);
        var line = new StringBuilder();

        InfluxReadingStore.AppendLine(line, r);

        Assert.Equal("energy_import,device=h01-meter,gateway=gw-est,household=h01,role=household_meter,site=lustrac,unit=kWh quality=\"good\",seq=42i,value=10234.5 1782036900123\n", line.ToString());
    }

    [Theory]
    [InlineData("a,b", "a\\,b")]
    [InlineData("a b", "a\\ b")]
    [InlineData("a=b", "a\\=b")]
    [InlineData("a\\b", "a\\b")]
    [InlineData("a\\,b", "a\\\\,b")]
    [InlineData("a\"b", "a\"b")]
    public void Escapes_tag_values(string value, string expected)
    {
        var line = new StringBuilder();
        LineProtocol.AppendTag(line, "t", value);
        Assert.Equal(",t=" + expected, line.ToString());
    }

    [Theory]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("c:\\path", "\"c:\\\\path\"")]
    [InlineData("a,b c=d", "\"a,b c=d\"")]
    public void Escapes_string_fields(string value, string expected)
    {
        var line = new StringBuilder();
        LineProtocol.AppendString(line, value);
        Assert.Equal(expected, line.ToString());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Rejects_values_line_protocol_cannot_carry(double value)
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.AppendFloat(new StringBuilder(), value));
    }

    [Fact]
    public void Rejects_a_trailing_backslash_outside_string_fields()
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.AppendTag(new StringBuilder(), "t", "a\\"));
        Assert.Throws<ArgumentException>(() => LineProtocol.AppendMeasurement(new StringBuilder(), "m\\"));
        var field = new StringBuilder();
        LineProtocol.AppendString(field, "a\\");
        Assert.Equal("\"a\\\\\"", field.ToString());
    }

    [Fact]
    public void Rejects_newlines_anywhere()
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.AppendTag(new StringBuilder(), "t", "a\nb"));
        Assert.Throws<ArgumentException>(() => LineProtocol.AppendString(new StringBuilder(), "a\r\nb"));
        Assert.Throws<ArgumentException>(() => LineProtocol.AppendMeasurement(new StringBuilder(), "m\n"));
    }
}
