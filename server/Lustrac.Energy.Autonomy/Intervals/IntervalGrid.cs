namespace Lustrac.Energy.Autonomy.Intervals;

/// <summary>
/// A run of consecutive canonical intervals aligned on UTC clock boundaries. Interval <c>k</c> covers
/// [StartUtc + k·Length, StartUtc + (k+1)·Length). The length divides 60 minutes, so every interval starts
/// on a whole fraction of a UTC hour (and of a Europe/Paris hour, whose offsets are whole hours).
/// </summary>
public readonly record struct IntervalGrid
{
    public IntervalGrid(DateTime startUtc, int count, int intervalMinutes = 15)
    {
        ValidateMinutes(intervalMinutes);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        startUtc = UtcTime.Require(startUtc, nameof(startUtc));
        var length = TimeSpan.FromMinutes(intervalMinutes);
        if (startUtc.Ticks % length.Ticks != 0)
            throw new ArgumentException($"Grid start {startUtc:O} is not on a {intervalMinutes}-minute UTC boundary.", nameof(startUtc));
        StartUtc = startUtc;
        Count = count;
        IntervalMinutes = intervalMinutes;
    }

    public DateTime StartUtc { get; }
    public int Count { get; }
    public int IntervalMinutes { get; }
    public TimeSpan Length => TimeSpan.FromMinutes(IntervalMinutes);
    public DateTime EndUtc => StartUtc + Length * Count;

    public DateTime BoundaryUtc(int k) => StartUtc.AddTicks(Length.Ticks * k);

    /// <summary>The grid of whole intervals covering [fromUtc, toUtc): start floored, end ceiled to the interval length.</summary>
    public static IntervalGrid Covering(DateTime fromUtc, DateTime toUtc, int intervalMinutes = 15)
    {
        ValidateMinutes(intervalMinutes);
        fromUtc = UtcTime.Require(fromUtc, nameof(fromUtc));
        toUtc = UtcTime.Require(toUtc, nameof(toUtc));
        long len = TimeSpan.FromMinutes(intervalMinutes).Ticks;
        long start = FloorDiv(fromUtc.Ticks, len) * len;
        long end = -FloorDiv(-toUtc.Ticks, len) * len;
        int count = (int)Math.Max(0, (end - start) / len);
        return new IntervalGrid(new DateTime(start, DateTimeKind.Utc), count, intervalMinutes);
    }

    /// <summary>Index of the interval containing <paramref name="timeUtc"/> (may be outside [0, Count)).</summary>
    public long IndexOf(DateTime timeUtc) => FloorDiv(timeUtc.Ticks - StartUtc.Ticks, Length.Ticks);

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static void ValidateMinutes(int minutes)
    {
        if (minutes <= 0 || 60 % minutes != 0)
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "The canonical interval must divide 60 minutes (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60).");
    }
}

internal static class UtcTime
{
    /// <summary>Unspecified kinds come from stores that drop the kind; they are taken as UTC. Local is a bug upstream.</summary>
    public static DateTime Require(DateTime time, string name) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => throw new ArgumentException("Times must be UTC; got a local time.", name),
    };
}
