using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Protocol.Tests;

public class TopicsTests
{
    [Fact]
    public void Builds_and_parses_a_readings_topic()
    {
        var address = new DeviceAddress("lustrac", "gw-est", "h01-meter");
        var topic = Topics.Readings(address);

        Assert.Equal("lustrac/v1/lustrac/gw-est/h01-meter/readings", topic);
        Assert.True(Topics.TryParse(topic, out var parsed, out var leaf, out _));
        Assert.Equal(address, parsed);
        Assert.Equal("readings", leaf);
    }

    [Theory]
    [InlineData("lustrac/v2/lustrac/gw/dev/readings", "version 'v2'")]
    [InlineData("other/v1/lustrac/gw/dev/readings", "is not of the form")]
    [InlineData("lustrac/v1/lustrac/gw/readings", "is not of the form")]
    [InlineData("lustrac/v1/lustrac/GW/dev/readings", "'GW' is not a valid identifier")]
    [InlineData("lustrac/v1/lustrac/gw/dev/values", "ends in 'values'")]
    public void Rejects_a_topic_outside_the_contract(string topic, string reason)
    {
        Assert.False(Topics.TryParse(topic, out _, out _, out var error));
        Assert.Contains(reason, error);
    }
}
