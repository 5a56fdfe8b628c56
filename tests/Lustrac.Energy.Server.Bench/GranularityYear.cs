using System.Diagnostics;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Bench;

/// <summary>
/// The granularity comparison (/api/autonomy/granularity) of the stored year for the neighbourhood: the store sums the
/// year's intervals per hour and reads its day rows, then netting per interval, hour, day, month and year. Prints the figures and the times.
/// </summary>
public static class GranularityYear
{
    public static async Task RunAsync(IAutonomyStore results, SitePlan plan, DateTime fromUtc, DateTime toUtc)
    {
        var times = new List<double>();
        GranularityFigures.Comparison? comparison = null;
        for (int run = 0; run < 5; run++)
        {
            var sw = Stopwatch.StartNew();
            comparison = await GranularityFigures.FromStoreAsync(results, plan, new RequestedScope(null), fromUtc, toUtc, CancellationToken.None);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"1b. granularity comparison of the year for the neighbourhood ({comparison!.Present:N0} stored intervals: day rows and hourly sums, netted 5 ways): " +
            $"best {times[0]:F0} ms, median {times[2]:F0} ms (goal ≤ 1000 ms)");
        Console.WriteLine("    self-sufficiency netted per " + string.Join(", ", comparison.Nettings.Select(n => $"{n.Netting.ToString().ToLowerInvariant()} {n.SelfSufficiency:P1}")));
    }
}
