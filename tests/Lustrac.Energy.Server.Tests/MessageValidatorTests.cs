using System.Text;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.Server.Tests;

public class MessageValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly MessageValidator _validator = new(TestSite.Model(), new FakeTimeProvider(Now));

    private static byte[] Payload(string time = "2026-11-24T09:59:50Z", string quantity = "energy_import", double value = 1200.5, string unit = "kWh", string quality = "good") =>
        Encoding.UTF8.GetBytes($$"""{"seq":5,"time":"{{time}}","readings":[{"quantity":"{{quantity}}","value":{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"unit":"{{unit}}","quality":"{{quality}}"}]}""");

    [Fact]
    public void Turns_a_valid_message_into_readings_tagged_from_the_site_model()
    {
        Assert.True(_validator.TryValidate("lustrac/v1/test/gw-1/h01-meter/readings", Payload(), out var readings, out var refusal), refusal.Reason);

        var r = Assert.Single(readings);
        Assert.Equal(("test", "gw-1", "h01-meter", "household_meter", "h01"), (r.Site, r.Gateway, r.Device, r.Role, r.Household));
        Assert.Equal(("energy_import", "kWh", 1200.5, 5UL), (r.Quantity, r.Unit, r.Value, r.Seq));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 59, 50, TimeSpan.Zero), r.Time);
    }

    [Theory]
    [InlineData("lustrac/v1/other/gw-1/h01-meter/readings", "site 'other' is not this server's site")]
    [InlineData("lustrac/v1/test/gw-1/h09-meter/readings", "device 'h09-meter' is not in the site file")]
    [InlineData("lustrac/v1/test/gw-2/h01-meter/readings", "belongs to gateway 'gw-1', not 'gw-2'")]
    [InlineData("lustrac/v1/test/gw-1/h01-meter/status", "'status' messages are not readings")]
    [InlineData("lustrac/v1/test/gw-1/h01-meter", "is not of the form")]
    public void Refuses_a_message_from_where_no_such_device_publishes(string topic, string expected)
    {
        Assert.False(_validator.TryValidate(topic, Payload(), out _, out var refusal));
        Assert.Contains(expected, refusal.Reason);
    }

    [Theory]
    [InlineData("1970-01-01T00:00:05Z", "the gateway's clock was not synchronised")]
    [InlineData("2300-01-01T00:00:00Z", "ahead of the server's clock")]
    [InlineData("2026-11-24T10:06:00Z", "ahead of the server's clock")]
    public void Refuses_a_timestamp_the_gateway_clock_cannot_have_meant(string time, string expected)
    {
        Assert.False(_validator.TryValidate("lustrac/v1/test/gw-1/h01-meter/readings", Payload(time), out _, out var refusal));
        Assert.Contains(expected, refusal.Reason);
    }

    [Fact]
    public void Refuses_a_reading_older_than_the_store_keeps_and_accepts_one_inside_it()
    {
        var keepsThirtyDays = new MessageValidator(TestSite.Model(), new FakeTimeProvider(Now), TimeSpan.FromDays(30));

        Assert.False(keepsThirtyDays.TryValidate("lustrac/v1/test/gw-1/h01-meter/readings", Payload("2026-10-24T09:00:00Z"), out _, out var refusal));
        Assert.Equal(RefusalCategory.Clock, refusal.Category);
        Assert.Contains("older than the store's retention of 30 days", refusal.Reason);
        Assert.True(keepsThirtyDays.TryValidate("lustrac/v1/test/gw-1/h01-meter/readings", Payload("2026-10-25T11:00:00Z"), out _, out refusal), refusal.Reason);
        Assert.True(_validator.TryValidate("lustrac/v1/test/gw-1/h01-meter/readings", Payload("2021-01-01T00:00:00Z"), out _, out refusal), "no retention keeps everything");
    }

    [Fact]
    public void Accepts_a_timestamp_within_the_allowed_skew()
    {
        Assert.True(_validator.TryValidate("lustrac/v1/test/gw-1/h01-meter/readings", Payload("2026-11-24T10:04:00Z"), out _, out var refusal), refusal.Reason);
    }

    [Fact]
    public void Refuses_an_out_of_range_value_unless_the_gateway_flagged_it_bad()
    {
        Assert.False(_validator.TryValidate("lustrac/v1/test/gw-1/h01-meter/readings", Payload(quantity: "frequency", value: 500, unit: "Hz"), out _, out var refusal));
        Assert.Contains("outside the plausible range", refusal.Reason);
        Assert.Equal(RefusalCategory.Range, refusal.Category);

        Assert.True(_validator.TryValidate("lustrac/v1/test/gw-1/h01-meter/readings", Payload(quantity: "frequency", value: 500, unit: "Hz", quality: "bad"), out var kept, out _));
        Assert.Equal(ReadingQuality.Bad, kept[0].Quality);
    }
}
