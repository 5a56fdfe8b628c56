using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Storage;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Server.Tests.Ingest;

/// <summary>The one seam after the store: every observer gets every stored batch, whatever another observer does.</summary>
public sealed class StoredBatchesTests
{
    private sealed class Recorder : IStoredBatchObserver
    {
        public List<IReadOnlyList<StoredReading>> Batches { get; } = [];
        public void OnStored(IReadOnlyList<StoredReading> batch) => Batches.Add(batch);
    }

    private sealed class Broken : IStoredBatchObserver
    {
        public void OnStored(IReadOnlyList<StoredReading> batch) => throw new InvalidOperationException("observer bug");
    }

    private sealed class ErrorLog : ILogger<StoredBatches>
    {
        public List<string> Errors { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => true;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? error, Func<TState, Exception?, string> format)
        {
            if (level >= LogLevel.Error) Errors.Add(format(state, error) + " / " + error?.Message);
        }
    }

    private static StoredReading Reading(double kwh) =>
        new("s", "gw-1", "h01-meter", "household_meter", "h01", null, "energy_import", "kWh", new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), kwh, ReadingQuality.Good, 1);

    [Fact]
    public void An_observer_that_throws_is_logged_and_the_others_still_see_the_batch()
    {
        var (first, second) = (new Recorder(), new Recorder());
        var log = new ErrorLog();
        var hub = new StoredBatches([first, new Broken(), second], log);

        StoredReading[] one = [Reading(1.5)], two = [Reading(1.75), Reading(2.0)];
        hub.Publish(one);
        hub.Publish(two);

        Assert.Equal([one, two], first.Batches);
        Assert.Equal([one, two], second.Batches);
        Assert.Equal(2, log.Errors.Count);
        Assert.Equal("Broken failed on a stored batch of 1 readings; the readings are stored / observer bug", log.Errors[0]);
    }
}
