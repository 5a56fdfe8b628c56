using Lustrac.Energy.FirmwareHost.History;
using Lustrac.Energy.FirmwareHost.Faults;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>The program as a method, so tests and the demo can run it in-process.</summary>
public static class HostRunner
{
    /// <summary>
    /// Parses the command line, loads the site and fault files, starts the site, reports what runs where, waits for
    /// <paramref name="stop"/>. Exit codes: 0 stopped cleanly, 2 bad command line, site file or fault file, 1 could
    /// not start (e.g. a port in use).
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var (command, problem) = CommandLine.Parse(args);
        if (command is null)
        {
            await error.WriteLineAsync(problem);
            return 2;
        }

        SiteModel model;
        // Relative fault times (+hh:mm:ss) count from the simulated start, so "now" is fixed once for both.
        var options = command.Options with { Start = command.Options.Start ?? DateTimeOffset.UtcNow };
        try
        {
            model = SiteLoader.LoadFile(command.SitePath);
            if (command.FaultsPath is not null) options = options with { Faults = FaultFile.Load(command.FaultsPath, options.Start.Value) };
        }
        catch (Exception ex) when (ex is SiteModelException or FaultFileException)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }

        EmulatedSite site;
        try { site = await EmulatedSite.StartAsync(model, options, stop); }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }

        await using (site)
        {
            await output.WriteLineAsync($"firmware-host: site '{model.Site.Id}', simulated start {site.Clock.Start:u}, speed ×{site.Clock.Speed}, seed {options.Seed}, {options.Faults.Count} fault(s)");
            foreach (var bus in site.Buses) await output.WriteLineAsync(bus.ToString());
            foreach (var probe in site.W1.Probes) await output.WriteLineAsync($"w1 {probe.DeviceId} at {probe.Folder}");
            foreach (var (id, emitter) in site.Gpio.Emitters) await output.WriteLineAsync($"gpio {emitter.Pin}: {id} (in-process GpioDriver)");
            foreach (var sonar in site.Tanks.Ultrasonic) await output.WriteLineAsync($"uart {sonar.PortName}: JSN-SR04T");
            foreach (var linky in site.Linky.Emulators) await output.WriteLineAsync($"tic {linky.PortName}: Linky {linky.MeterId} in {linky.Mode.ToString().ToLowerInvariant()} mode");
            foreach (var skipped in site.Skipped) await output.WriteLineAsync($"not emulated: {skipped.Device.Id} on {skipped.Device.Bus}: {skipped.Reason}");
            if (command.HistoryBroker is { } broker && await HistoryBackfill.RunAsync(site, options, broker, output, error, stop) is { } failed) return failed;
            try { await Task.Delay(Timeout.Infinite, stop); }
            catch (OperationCanceledException) { }
            await output.WriteLineAsync("firmware-host: stopping");
        }
        return 0;
    }
}
