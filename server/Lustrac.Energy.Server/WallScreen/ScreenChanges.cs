using Lustrac.Energy.Server.Live;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// Feeds each newly stored reading to the screen's tallies and wakes every open screen stream. Waiters share one
/// task that is replaced on each change, so a burst of readings costs one wake-up per stream, not one per reading.
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
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        };
    }

    /// <summary>Completes at the next stored reading.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;
}
