namespace Lustrac.Energy.Gateway.LinkyTic;

/// <summary>Counters of one TIC line since start, for diagnosing the adapter and its wiring.</summary>
public sealed class TicStatistics
{
    private long _frames, _droppedGroups, _unreadableValues;

    /// <summary>Frames read whole (STX to ETX) in the line's mode.</summary>
    public long Frames => Interlocked.Read(ref _frames);
    /// <summary>Groups thrown away: wrong checksum, not TIC text, cut short, or noise between groups.</summary>
    public long DroppedGroups => Interlocked.Read(ref _droppedGroups);
    /// <summary>Groups with a valid checksum whose data is not the number its label promises.</summary>
    public long UnreadableValues => Interlocked.Read(ref _unreadableValues);
    /// <summary>Frames interrupted (EOT, a new STX before ETX, runaway length): never read.</summary>
    public long TruncatedFrames { get; internal set; }
    /// <summary>The gateway's clock minus the Linky's, at the last frame whose horodate the meter vouches for.</summary>
    public TimeSpan? ClockOffset { get; internal set; }

    internal void Count(TicFrame frame, int unreadable)
    {
        Interlocked.Increment(ref _frames);
        Interlocked.Add(ref _droppedGroups, frame.DroppedGroups);
        Interlocked.Add(ref _unreadableValues, unreadable);
    }

    internal void CountDropped(int groups) => Interlocked.Add(ref _droppedGroups, groups);
}
