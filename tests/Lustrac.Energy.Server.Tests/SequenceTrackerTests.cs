using Lustrac.Energy.Server.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.Server.Tests;

public class SequenceTrackerTests
{
    private readonly SequenceTracker _tracker = new(new FakeTimeProvider());

    private void Observe(string device, params ulong[] seqs)
    {
        foreach (var s in seqs) _tracker.Observe(device, s);
    }

    [Fact]
    public void Counts_nothing_for_an_unbroken_sequence()
    {
        Observe("m1", 7, 8, 9, 10);
        Assert.Equal((0L, 0L, 0L), (_tracker.Missing, _tracker.Duplicates, _tracker.Late));
        Assert.Equal(10UL, Assert.Single(_tracker.Report()).HighestSeq);
    }

    [Fact]
    public void Counts_each_skipped_number_as_missing()
    {
        Observe("m1", 1, 2, 5, 6, 10);
        Assert.Equal(5, _tracker.Missing); // 3, 4, 7, 8, 9
    }

    [Fact]
    public void Tells_a_duplicate_from_a_late_message_that_fills_a_gap()
    {
        Observe("m1", 1, 2, 5, 5, 2, 3);
        Assert.Equal(2, _tracker.Duplicates);   // the second 5 and the second 2
        Assert.Equal(1, _tracker.Late);         // 3 arrived after 5
        Assert.Equal(1, _tracker.Missing);      // 4 is still missing
    }

    [Fact]
    public void Keeps_devices_apart()
    {
        Observe("m1", 1, 2, 3);
        Observe("m2", 1, 3);
        var reports = _tracker.Report();
        Assert.Equal([0L, 1L], reports.Select(r => r.Missing));
        Assert.Equal(["m1", "m2"], reports.Select(r => r.Device));
    }

    [Fact]
    public void Treats_a_sequence_far_below_the_highest_as_a_restart_not_as_duplicates()
    {
        Observe("m1", 100_000, 100_001, 1, 2, 3);
        Assert.Equal(1, _tracker.Restarts);
        Assert.Equal((0L, 0L), (_tracker.Duplicates, _tracker.Missing));
    }
}
