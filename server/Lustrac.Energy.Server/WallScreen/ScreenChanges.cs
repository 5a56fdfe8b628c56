using Lustrac.Energy.Server.Live;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// Feeds each newly stored reading to the screen's tallies and wakes every open screen stream. Waiters share one
/// task that is replaced once per stored batch, so a burst of readings costs one wake-up per stream, not one per reading.
/// </summary>
public sealed class ScreenChanges
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScreenChanges(LiveReadings live, TodayBalance today, TankWatch tanks)
    {
        live.Updated += reading =>
        {
            today.Add(reading);
            tanks.Add(reading);
        };
        live.BatchUpdated += () =>
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes once the next stored batch has changed the latest readings.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;
}
