using System.Diagnostics;

namespace Lustrac.Energy.Gateway.Tests.Support;

/// <summary>
/// Two linked pseudo-terminals from socat (raw, no echo): what one end writes, the other reads, as over a
/// null-modem cable. The driver opens <see cref="DriverEnd"/> as a serial port; the test plays the device on <see cref="DeviceEnd"/>.
/// </summary>
public sealed class PtyPair : IDisposable
{
    private readonly Process _socat;
    private readonly string _folder;

    public string DriverEnd { get; }
    public string DeviceEnd { get; }

    public PtyPair()
    {
        _folder = Directory.CreateTempSubdirectory("lustrac-pty-").FullName;
        DriverEnd = Path.Combine(_folder, "driver");
        DeviceEnd = Path.Combine(_folder, "device");
        _socat = Process.Start(new ProcessStartInfo("socat",
            ["-d", "-d", $"pty,raw,echo=0,link={DriverEnd}", $"pty,raw,echo=0,link={DeviceEnd}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("cannot start socat");
        _socat.ErrorDataReceived += (_, _) => { };
        _socat.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!(File.Exists(DriverEnd) && File.Exists(DeviceEnd)))
        {
            if (_socat.HasExited) throw new InvalidOperationException($"socat exited with {_socat.ExitCode}");
            if (waited.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException("socat did not create its pty links");
            Thread.Sleep(20);
        }
    }

    /// <summary>The device end as a raw byte stream (unbuffered, so every write reaches the pty at once).</summary>
    public FileStream OpenDeviceEnd() => new(DeviceEnd, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (!_socat.HasExited) _socat.Kill();
            _socat.WaitForExit(5000);
        }
        catch (InvalidOperationException) { /* already gone */ }
        _socat.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
