using System.Diagnostics;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Bench;

/// <summary>Waits until a service has stopped working in the background (influxd's compactions after a big write).</summary>
internal static class Settling
{
    /// <summary>Seconds waited until the process used under 5 % of a core over 2 s, at most 5 minutes.</summary>
    public static async Task<double> WaitAsync(ServiceProcess service)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(5))
        {
            var before = service.ProcessorTime;
            await Task.Delay(TimeSpan.FromSeconds(2));
            if ((service.ProcessorTime - before).TotalSeconds < 0.05 * 2) break;
        }
        return waited.Elapsed.TotalSeconds;
    }
}
