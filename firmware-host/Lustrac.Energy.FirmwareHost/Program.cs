using System.Runtime.InteropServices;
using Lustrac.Energy.FirmwareHost.Faults;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Protocol.Site;

// Exit codes: 0 stopped cleanly, 2 bad command line or site file, 1 could not start (e.g. a port in use).
var (command, error) = CommandLine.Parse(args);
if (command is null)
{
    Console.Error.WriteLine(error);
    return 2;
}

SiteModel model;
try { model = SiteLoader.LoadFile(command.SitePath); }
catch (SiteModelException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// Relative fault times (+hh:mm:ss) count from the simulated start, so fix "now" once for both.
var options = command.Options with { Start = command.Options.Start ?? DateTimeOffset.UtcNow };
if (command.FaultsPath is not null)
{
    try { options = options with { Faults = FaultFile.Load(command.FaultsPath, options.Start.Value) }; }
    catch (FaultFileException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 2;
    }
}

using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });

EmulatedSite site;
try { site = await EmulatedSite.StartAsync(model, options, stop.Token); }
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

await using (site)
{
    Console.WriteLine($"firmware-host: site '{model.Site.Id}', simulated start {site.Clock.Start:u}, speed ×{site.Clock.Speed}, seed {options.Seed}, {options.Faults.Count} fault(s)");
    foreach (var bus in site.Buses) Console.WriteLine(bus);
    foreach (var skipped in site.Skipped) Console.WriteLine($"not emulated: {skipped.Device.Id} on {skipped.Device.Bus}: {skipped.Reason}");
    try { await Task.Delay(Timeout.Infinite, stop.Token); }
    catch (OperationCanceledException) { }
    Console.WriteLine("firmware-host: stopping");
}
return 0;
