using System.Diagnostics;

namespace Lustrac.Energy.FirmwareHost.Serial;

/// <summary>
/// A pair of connected pseudo-terminals made by socat (Debian package <c>socat</c>): what one end writes the other
/// reads, like a null-modem cable. The device side is what a gateway opens (e.g. the path of a site file's RTU bus);
/// the emulator opens the other side. Disposing stops the socat this instance started.
/// </summary>
public sealed class PtyPair : IDisposable
{
    private readonly Process _socat;

    private PtyPair(Process socat, string deviceSide, string emulatorSide)
    {
        _socat = socat;
        DeviceSide = deviceSide;
        EmulatorSide = emulatorSide;
    }

    public string DeviceSide { get; }
    public string EmulatorSide { get; }

    public static async Task<PtyPair> CreateAsync(string deviceSide, string? emulatorSide = null, CancellationToken ct = default)
    {
        emulatorSide ??= deviceSide + ".emulator";
        var start = new ProcessStartInfo("socat") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-d", "-d", $"pty,raw,echo=0,link={deviceSide}", $"pty,raw,echo=0,link={emulatorSide}" })
            start.ArgumentList.Add(arg);
        Process socat;
        try { socat = Process.Start(start) ?? throw new InvalidOperationException("socat did not start"); }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("socat is needed to make serial port pairs (apt-get install socat)", ex);
        }
        _ = socat.StandardOutput.ReadToEndAsync(ct);
        var errors = new System.Text.StringBuilder();
        socat.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        socat.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20); // a guard: a loaded machine can take seconds to start socat
        while (!(File.Exists(deviceSide) && File.Exists(emulatorSide) && Transferring(errors)))
        {
            if (socat.HasExited || DateTime.UtcNow > deadline)
            {
                if (!socat.HasExited) socat.Kill();
                socat.Dispose();
                lock (errors) throw new InvalidOperationException($"socat could not make {deviceSide} ↔ {emulatorSide}: {errors}");
            }
            await Task.Delay(20, ct);
        }
        return new PtyPair(socat, deviceSide, emulatorSide);
    }

    /// <summary>The emulator's side as a raw byte stream, unbuffered so every write reaches the pty at once.</summary>
    public FileStream OpenEmulatorSide() =>
        new(EmulatorSide, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    // socat -d -d logs "starting data transfer loop" once both ptys exist and are linked.
    private static bool Transferring(System.Text.StringBuilder errors)
    {
        lock (errors) return errors.ToString().Contains("starting data transfer loop", StringComparison.Ordinal);
    }

    private int _disposed;

    /// <summary>Stops socat and removes the links; a second call does nothing (a device playing on the pair may dispose it too).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        // SIGTERM lets socat remove its links; SIGKILL only if it does not go.
        if (!_socat.HasExited && (SendSigterm(_socat.Id) != 0 || !_socat.WaitForExit(2000)))
        {
            _socat.Kill();
            _socat.WaitForExit(2000);
        }
        _socat.Dispose();
        foreach (var link in new[] { DeviceSide, EmulatorSide })
        {
            if (File.Exists(link) && new FileInfo(link).LinkTarget is not null) File.Delete(link);
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static int SendSigterm(int pid) => SendSignal(pid, 15);
}
