using System.Diagnostics;
using System.Text;

namespace Lustrac.Energy.Testing;

/// <summary>
/// A real server program (mosquitto, influxd) run by a test in its own temporary folder, which can be
/// stopped and started again to inject outages. Killed, with its folder removed, on dispose.
/// </summary>
public abstract class ServiceProcess : IAsyncDisposable
{
    private Process? _process;
    private readonly StringBuilder _output = new();

    protected ServiceProcess(string name)
    {
        Name = name;
        Folder = Directory.CreateTempSubdirectory($"lustrac-{name}-").FullName;
        Port = FreePort.Next();
    }

    public string Name { get; }
    public string Folder { get; }
    public int Port { get; }
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>CPU time the process has used so far (zero once it has stopped).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            if (_process is not { HasExited: false } p) return TimeSpan.Zero;
            p.Refresh();
            return p.TotalProcessorTime;
        }
    }
    public string Output { get { lock (_output) return _output.ToString(); } }

    protected abstract ProcessStartInfo StartInfo();

    protected virtual Task WaitUntilReadyAsync() => FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(30), Name);

    public async Task StartAsync()
    {
        if (IsRunning) return;
        var info = StartInfo();
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"{Name} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await WaitUntilReadyAsync();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{Name} did not become ready: {ex.Message}\n{Output}", ex);
        }
    }

    /// <summary>Stops the process hard (SIGKILL), as a crash or a power cut would.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>SIGTERM: an orderly stop, as systemd or an operator would do it.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        _process = null;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* best effort: a temp folder */ }
        GC.SuppressFinalize(this);
    }

    protected static string Require(string program)
    {
        foreach (var dir in new[] { "/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin" })
        {
            var path = Path.Combine(dir, program);
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"'{program}' is not installed; run scripts/test.sh, which installs it with apt-get.");
    }
}
