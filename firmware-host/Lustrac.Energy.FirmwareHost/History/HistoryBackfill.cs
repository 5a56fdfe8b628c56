using Lustrac.Energy.FirmwareHost.Hosting;

namespace Lustrac.Energy.FirmwareHost.History;

/// <summary>firmware-host's backfill mode (<c>--history-days N --history-broker HOST:PORT</c>): the site's past, then live.</summary>
public static class HistoryBackfill
{
    /// <summary>The line a script waits for before starting the gateways, so live readings follow the history.</summary>
    public const string DoneMarker = "firmware-host: history published";

    /// <summary>Publishes [model origin, simulated start] at the history step; returns an exit code on failure, null on success.</summary>
    public static async Task<int?> RunAsync(EmulatedSite site, EmulatedSiteOptions options, (string Host, int Port) broker,
        TextWriter output, TextWriter error, CancellationToken stop)
    {
        var sampler = new HistorySampler(site);
        var step = TimeSpan.FromMinutes(options.HistoryStepMinutes);
        await output.WriteLineAsync($"firmware-host: publishing {options.HistoryDays} days of history ({sampler.DeviceCount} devices, every {step.TotalMinutes:0} min) to {broker.Host}:{broker.Port}"
            + (sampler.Skipped.Count > 0 ? $"; without a past: {string.Join(", ", sampler.Skipped)}" : ""));
        var publisher = new HistoryPublisher(broker.Host, broker.Port, $"firmware-host-history-{site.Site.Site.Id}");
        try
        {
            var report = await publisher.PublishAsync(sampler, site.Site.Site.Id, site.ModelOrigin, site.Clock.Start, step, output, stop);
            await output.WriteLineAsync($"{DoneMarker}: {report.Messages} messages, {report.Readings} readings, {report.From:u} to {report.To:u}, in {report.Elapsed.TotalSeconds:0.0} s");
            return null;
        }
        catch (HistoryRefusedException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // Stopped mid-history (Ctrl-C, or the server went down with the demo): whatever the publish was doing, stop.
            return 0;
        }
    }
}
