using System.Text;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Alerts;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.Server.Tests.Alerts;

/// <summary>The rules over what ingest sees (readings the store accepted, device status, store health), on a fake clock.</summary>
public sealed class LiveRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly LiveReadings _live = new();
    private readonly DeviceStatusBoard _statuses = new(TestSite.Model());
    private readonly AlertSettings _settings = new() { SilentMinutes = 15, BacklogMinutes = 30 };
    private readonly ArrivalLog _arrivals;

    public LiveRuleTests() => _arrivals = new ArrivalLog(_live, _clock);

    private void Feed(string device, DateTimeOffset readAt) =>
        _live.Accept([new StoredReading("test", "gw-1", device, "household_meter", null, null, "active_power", "W", readAt, 100, ReadingQuality.Good, 1)]);

    private async Task<List<string>> SilenceAsync() =>
        [.. (await new SilenceRule(TestSite.Model(), _arrivals, _statuses, _settings).EvaluateAsync(_clock.GetUtcNow(), CancellationToken.None)).Select(c => c.Key)];

    [Fact]
    public async Task A_gateway_that_stops_sending_is_silent_one_device_alone_is_named_and_feeding_again_clears()
    {
        foreach (var d in new[] { "h01-meter", "h02-meter", "pv-1-inverter" }) Feed(d, _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Empty(await SilenceAsync());

        _clock.Advance(TimeSpan.FromMinutes(2)); // nothing fed for 16 min
        Assert.Equal(["gateway_silent:gw-1"], await SilenceAsync());

        Feed("h01-meter", _clock.GetUtcNow());
        Feed("pv-1-inverter", _clock.GetUtcNow());
        Assert.Equal(["device_silent:h02-meter"], await SilenceAsync());

        Feed("h02-meter", _clock.GetUtcNow());
        Assert.Empty(await SilenceAsync());
    }

    [Fact]
    public async Task A_device_its_gateway_reports_down_is_named_with_the_gateway_s_error()
    {
        foreach (var d in new[] { "h01-meter", "h02-meter", "pv-1-inverter" }) Feed(d, _clock.GetUtcNow());
        var status = """{"state":"down","since":"2026-06-21T10:00:00Z","error":"Modbus timeout","consecutive_failures":7}""";
        Assert.True(_statuses.TryAccept("lustrac/v1/test/gw-1/h02-meter/status", Encoding.UTF8.GetBytes(status), out _));

        var found = await new SilenceRule(TestSite.Model(), _arrivals, _statuses, _settings).EvaluateAsync(_clock.GetUtcNow(), CancellationToken.None);
        var down = Assert.Single(found);
        Assert.Equal("device_down:h02-meter", down.Key);
        Assert.Contains("Modbus timeout", down.Message);
        Assert.Contains("7 failed reads", down.Message);

        Assert.True(_statuses.TryAccept("lustrac/v1/test/gw-1/h02-meter/status", """{"state":"up","since":"2026-06-21T10:05:00Z","error":null,"consecutive_failures":0}"""u8, out _));
        Assert.Empty(await SilenceAsync());
    }

    [Fact]
    public async Task Readings_arriving_long_after_they_were_read_are_a_backlog_until_the_gateway_catches_up()
    {
        var rule = new BacklogRule(TestSite.Model(), _arrivals, _settings);
        Feed("h01-meter", T0.AddMinutes(-20));
        Assert.Empty(await rule.EvaluateAsync(_clock.GetUtcNow(), CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Feed("h01-meter", T0.AddMinutes(-40).AddSeconds(1)); // older than the newest: changes nothing
        Feed("h02-meter", T0.AddMinutes(-45)); // the gateway's freshest is still h01's, 21 min behind
        Assert.Empty(await rule.EvaluateAsync(_clock.GetUtcNow(), CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(20)); // an outage's backlog: what arrives now was read 41 min ago
        Feed("h01-meter", T0.AddMinutes(-20).AddSeconds(10));
        var backlog = Assert.Single(await rule.EvaluateAsync(_clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal("delivery_backlog:gw-1", backlog.Key);

        Feed("pv-1-inverter", _clock.GetUtcNow().AddSeconds(-5)); // caught up
        Assert.Empty(await rule.EvaluateAsync(_clock.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_store_is_raised_with_its_error_and_cleared_by_the_next_accepted_write()
    {
        var stats = new IngestStatistics();
        var rule = new StoreRule(stats);
        Assert.Empty(await rule.EvaluateAsync(T0, CancellationToken.None));
        stats.StoreFailed("connection refused (127.0.0.1:8086)");
        var failing = Assert.Single(await rule.EvaluateAsync(T0, CancellationToken.None));
        Assert.Contains("connection refused", failing.Message);
        stats.Stored(1, 8, T0);
        Assert.Empty(await rule.EvaluateAsync(T0, CancellationToken.None));
    }
}
