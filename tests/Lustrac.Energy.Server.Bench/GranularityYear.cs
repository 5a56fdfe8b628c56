using System.Diagnostics;
using Lustrac.Energy.Server.Autonomy;

namespace Lustrac.Energy.Server.Bench;

/// <summary>
/// The granularity comparison (/api/autonomy/granularity) of the stored year for the neighbourhood: the store reads the
/// year's interval rows, then netting per interval, hour, day, month and year. Prints the figures and the times.
/// </summary>
public static class GranularityYear
{
    public static async Task RunAsync(IAutonomyStore results, SitePlan plan, DateTime fromUtc, DateTime toUtc)
    {
        var times = new List<double>();
        GranularityEndpoints.Comparison? comparison = null;
        for (int run = 0; run < 5; run++)
        {
            var sw = Stopwatch.StartNew();
            var rows = await results.ReadEnergyAsync(null, fromUtc, toUtc, CancellationToken.None);
            comparison = GranularityEndpoints.Compute(plan, new RequestedScope(null), fromUtc, toUtc, rows);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"1b. granularity comparison of the year for the neighbourhood ({comparison!.Present:N0} stored intervals read and netted 5 ways): " +
            $"best {times[0]:F0} ms, median {times[2]:F0} ms (goal ≤ 1000 ms)");
        Console.WriteLine("    self-sufficiency netted per " + string.Join(", ", comparison.Nettings.Select(n => $"{n.Netting.ToString().ToLowerInvariant()} {n.SelfSufficiency:P1}")));
    }
}
