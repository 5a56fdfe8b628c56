using Lustrac.Energy.Server.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.Server.Tests.Ingest;

/// <summary>Back-pressure is a value ingest publishes and the figures await, not a flag polled in a sleep loop.</summary>
public sealed class IngestPressureTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Without_a_backlog_the_wait_is_over_at_once()
    {
        var pressure = new IngestPressure();
        Assert.False(pressure.IsBacklogged);
        Assert.True(await pressure.WaitUntilDrainedAsync(Longest, _clock, CancellationToken.None));
    }

    [Fact]
    public async Task A_backlog_holds_the_wait_until_ingest_reports_it_drained()
    {
        var pressure = new IngestPressure();
        pressure.Report(backlogged: true);
        pressure.Report(backlogged: true); // a second full batch: the same backlog
        var waiting = pressure.WaitUntilDrainedAsync(Longest, _clock, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(waiting.IsCompleted);
        Assert.True(pressure.IsBacklogged);

        pressure.Report(backlogged: false);
        Assert.True(await waiting);
        Assert.False(pressure.IsBacklogged);
    }

    [Fact]
    public async Task A_backlog_that_lasts_gives_way_after_the_longest_wait()
    {
        var pressure = new IngestPressure();
        pressure.Report(backlogged: true);
        var waiting = pressure.WaitUntilDrainedAsync(Longest, _clock, CancellationToken.None);
        _clock.Advance(Longest);
        Assert.False(await waiting);
        Assert.True(pressure.IsBacklogged);
    }

    [Fact]
    public async Task Stopping_cancels_the_wait()
    {
        var pressure = new IngestPressure();
        pressure.Report(backlogged: true);
        using var stop = new CancellationTokenSource();
        var waiting = pressure.WaitUntilDrainedAsync(Longest, _clock, stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
