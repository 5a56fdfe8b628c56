using System.Text;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Tests;

public class ReadingLinesTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1782036900123);

    private static StoredReading Reading(string? household = "h01", string? asset = null, double value = 10234.5,
        ReadingQuality quality = ReadingQuality.Good, ulong seq = 42, string gateway = "gw-est") =>
        new("lustrac", gateway, "h01-meter", "household_meter", household, asset, "energy_import", "kWh", T0, value, quality, seq);

    private static string Text(ReadingLines lines) => Encoding.UTF8.GetString(lines.Written.Span);

    [Fact]
    public void Writes_one_line_per_reading_in_utf8()
    {
        var lines = new ReadingLines();

        lines.Append(Reading());
        lines.Append(Reading(value: -0.25, quality: ReadingQuality.Uncertain, seq: 43));
        lines.Append(Reading(value: 1e21, quality: ReadingQuality.Bad, seq: 44));

        Assert.Equal(
            "energy_import,device=h01-meter,gateway=gw-est,household=h01,role=household_meter,site=lustrac,unit=kWh quality=\"good\",seq=42i,value=10234.5 1782036900123\n" +
            "energy_import,device=h01-meter,gateway=gw-est,household=h01,role=household_meter,site=lustrac,unit=kWh quality=\"uncertain\",seq=43i,value=-0.25 1782036900123\n" +
            "energy_import,device=h01-meter,gateway=gw-est,household=h01,role=household_meter,site=lustrac,unit=kWh quality=\"bad\",seq=44i,value=1E+21 1782036900123\n",
            Text(lines));
    }

    [Fact]
    public void A_remembered_series_key_is_never_used_for_other_tags()
    {
        var lines = new ReadingLines();
        lines.Append(Reading());
        lines.Clear();

        lines.Append(Reading(household: "h02", asset: "pv-roof", gateway: "gw-ouest"));
        lines.Append(Reading(household: null));

        Assert.Equal(
            "energy_import,asset=pv-roof,device=h01-meter,gateway=gw-ouest,household=h02,role=household_meter,site=lustrac,unit=kWh quality=\"good\",seq=42i,value=10234.5 1782036900123\n" +
            "energy_import,device=h01-meter,gateway=gw-est,role=household_meter,site=lustrac,unit=kWh quality=\"good\",seq=42i,value=10234.5 1782036900123\n",
            Text(lines));
    }

    [Fact]
    public void Escapes_tags_as_line_protocol_does()
    {
        var lines = new ReadingLines();

        lines.Append(Reading(household: "maison a,b=c", asset: "é€"));

        Assert.StartsWith("energy_import,asset=é€,device=h01-meter,gateway=gw-est,household=maison\\ a\\,b\\=c,role=", Text(lines));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Refuses_a_value_line_protocol_cannot_carry(double value)
    {
        Assert.Throws<ArgumentException>(() => new ReadingLines().Append(Reading(value: value)));
    }
}
