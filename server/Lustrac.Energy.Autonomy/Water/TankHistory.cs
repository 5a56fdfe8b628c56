namespace Lustrac.Energy.Autonomy.Water;

/// <summary>
/// One tank's volume readings in time order. A rise between two readings is harvest (rain), a fall is draw (use).
/// Running sums of both let any interval or window be read in O(log n). The stored figures (<c>tank_state</c>) and
/// the wall screen both read volumes, harvests and days left from here, so they cannot disagree.
/// </summary>
public sealed class TankHistory
{
    private readonly long[] _ticks;
    private readonly double[] _litres;
    private readonly double[] _rises;
    private readonly double[] _falls;

    /// <param name="utcTicks">Reading times (UTC ticks), ascending.</param>
    /// <param name="litres">The volume at each reading.</param>
    public TankHistory(long[] utcTicks, double[] litres)
    {
        if (utcTicks.Length != litres.Length) throw new ArgumentException("One volume per reading time.", nameof(litres));
        _ticks = utcTicks;
        _litres = litres;
        _rises = new double[litres.Length];
        _falls = new double[litres.Length];
        for (int i = 1; i < litres.Length; i++)
        {
            if (utcTicks[i] < utcTicks[i - 1]) throw new ArgumentException("Reading times must be in ascending order.", nameof(utcTicks));
            double d = litres[i] - litres[i - 1];
            _rises[i] = _rises[i - 1] + Math.Max(0, d);
            _falls[i] = _falls[i - 1] + Math.Max(0, -d);
        }
    }

    public int Count => _ticks.Length;

    /// <summary>The last reading strictly before <paramref name="utcTicks"/>, or null when there is none.</summary>
    public (long UtcTicks, double Litres)? LastBefore(long utcTicks)
    {
        int i = IndexBefore(utcTicks);
        return i < 0 ? null : (_ticks[i], _litres[i]);
    }

    /// <summary>Litres harvested between the last readings before <paramref name="fromTicks"/> and before <paramref name="toTicks"/>.</summary>
    public double Harvested(long fromTicks, long toTicks) => Between(_rises, fromTicks, toTicks);

    /// <summary>
    /// Days of water left at the last reading before <paramref name="endTicks"/>: its volume over the mean daily draw of the
    /// <paramref name="window"/> before <paramref name="endTicks"/> (falls since the last reading before the window's start).
    /// </summary>
    public AutonomyDays DaysLeft(long endTicks, TimeSpan window)
    {
        int last = IndexBefore(endTicks);
        if (last < 0) return AutonomyDays.NoDraw;
        double drawn = Between(_falls, endTicks - window.Ticks, endTicks);
        return RainHarvest.DaysOfAutonomy(_litres[last], drawn, window.TotalDays);
    }

    private double Between(double[] sums, long fromTicks, long toTicks)
    {
        int to = IndexBefore(toTicks);
        if (to < 0) return 0;
        int from = IndexBefore(fromTicks);
        return sums[to] - (from >= 0 ? sums[from] : 0);
    }

    private int IndexBefore(long limit)
    {
        int i = Array.BinarySearch(_ticks, limit);
        if (i < 0) return ~i - 1;
        while (i > 0 && _ticks[i - 1] == limit) i--; // equal times: strictly before means before the first of them
        return i - 1;
    }
}
