namespace Lustrac.Energy.Autonomy.Settlement;

/// <summary>
/// The cooperative's dynamic key: production split pro rata of weight × consumption, each share capped at the
/// participant's consumption, the leftover split again among those still drawing, until it is used up or nobody draws.
/// With equal weights it is the default dynamic key.
/// </summary>
public static class WeightedAllocation
{
    public static double[] Allocate(double production, IReadOnlyList<double> consumption, IReadOnlyList<double> weights)
    {
        int n = consumption.Count;
        var given = new double[n];
        var open = new bool[n];
        for (int h = 0; h < n; h++) open[h] = consumption[h] > 0 && weights[h] > 0;
        double left = production;
        // Each round satisfies at least one participant or uses everything: at most n rounds.
        for (int round = 0; round < n && left > 1e-12; round++)
        {
            double total = 0;
            for (int h = 0; h < n; h++) if (open[h]) total += weights[h] * consumption[h];
            if (total <= 0) break;
            double used = 0;
            for (int h = 0; h < n; h++)
            {
                if (!open[h]) continue;
                double share = left * weights[h] * consumption[h] / total;
                double room = consumption[h] - given[h];
                double take = Math.Min(share, room);
                given[h] += take;
                used += take;
                if (take >= room) open[h] = false;
            }
            left = Math.Max(0, left - used);
        }
        return given;
    }
}
