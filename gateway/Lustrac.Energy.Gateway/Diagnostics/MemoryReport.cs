using Lustrac.Energy.Gateway.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Diagnostics;

/// <summary>
/// With <c>Diagnostics:MemoryReportSeconds</c> above 0, logs where the gateway's memory goes at that interval: the
/// managed heap by generation (what the GC holds) beside the process's resident memory (managed + native), so a
/// growth can be told apart as ours (heap) or the runtime's and libraries' (native). Off by default.
/// </summary>
public sealed class MemoryReport(TimeSpan interval, DiskOutbox outbox, TimeProvider clock, ILogger<MemoryReport> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            log.LogInformation("{Memory}", Describe(outbox.RecordsInMemory));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One line: resident, managed heap (gen0/1/2/LOH/POH after the last GC), committed, collections.</summary>
    public static string Describe(int outboxRecords)
    {
        var info = GC.GetGCMemoryInfo();
        static double Mb(long bytes) => bytes / 1048576.0;
        var gens = string.Join('/', info.GenerationInfo.ToArray().Select(g => Mb(g.SizeAfterBytes).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"memory: resident {Mb(Environment.WorkingSet):0.0} MB; managed heap {Mb(GC.GetTotalMemory(false)):0.00} MB " +
            $"(after last GC {Mb(info.HeapSizeBytes):0.00}, gen0/1/2/LOH/POH {gens}, fragmented {Mb(info.FragmentedBytes):0.00}), " +
            $"GC committed {Mb(info.TotalCommittedBytes):0.00} MB; collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; " +
            $"outbox records in memory {outboxRecords}");
    }
}
