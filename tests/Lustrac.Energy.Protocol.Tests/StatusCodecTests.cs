using System.Text;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Protocol.Tests;

public class StatusCodecTests
{
    private static readonly DateTimeOffset Since = new(2026, 6, 21, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Round_trips_a_down_status_with_its_failures_in_a_row_and_since_when()
    {
        var status = new DeviceStatus(DeviceStatus.Down, Since, "no answer from unit 3 (timeout 1000 ms)", 4);
        var payload = StatusCodec.Encode(status, 17);

        Assert.Equal("""{"state":"down","since":"2026-06-21T10:15:00.000Z","error":"no answer from unit 3 (timeout 1000 ms)","consecutive_failures":4,"seq":17}""",
            Encoding.UTF8.GetString(payload));
        Assert.True(StatusCodec.TryDecode(payload, out var decoded, out var error), error);
        Assert.Equal(status, decoded);
    }

    [Theory]
    [InlineData("""{"state":"sideways","since":"2026-06-21T10:15:00Z","consecutive_failures":0}""", "status 'state' must be \"up\" or \"down\"")]
    [InlineData("""{"state":"up","consecutive_failures":0}""", "status 'since' must be an RFC 3339 timestamp")]
    [InlineData("""{"state":"up","since":"2026-06-21 10:15","consecutive_failures":0}""", "status 'since' must be an RFC 3339 timestamp")]
    [InlineData("""{"state":"down","since":"2026-06-21T10:15:00Z","error":"x"}""", "status 'consecutive_failures' must be an integer")]
    [InlineData("""{"state":"down","since":"2026-06-21T10:15:00Z","consecutive_failures":-1}""", "status 'consecutive_failures' must be an integer")]
    [InlineData("""{"state":"up","since":"2026-06-21T10:15:00Z","consecutive_failures":2}""", "an 'up' status has 0 consecutive failures")]
    [InlineData("""{"state":"down","since":"2026-06-21T10:15:00Z","error":5,"consecutive_failures":1}""", "status 'error' must be a string or null")]
    [InlineData("""{"state":"down","since":"2026-06-21T10:15:00Z","error":"\udc00","consecutive_failures":1}""", "lone surrogate escape")]
    [InlineData("""["up"]""", "status must be a JSON object")]
    [InlineData("""{"state":""", "status payload is not valid JSON")]
    public void Refuses_what_the_contract_does_not_allow_with_a_reason(string payload, string reason)
    {
        Assert.False(StatusCodec.TryDecode(Encoding.UTF8.GetBytes(payload), out _, out var error));
        Assert.Contains(reason, error);
    }
}
