using System.Runtime.InteropServices;
using Lustrac.Energy.FirmwareHost.Hosting;

// Ctrl-C and SIGTERM stop the site cleanly; everything else is in HostRunner.
using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.Cancel(); });
return await HostRunner.RunAsync(args, Console.Out, Console.Error, stop.Token);
