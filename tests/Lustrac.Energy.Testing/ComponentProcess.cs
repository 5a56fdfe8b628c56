using System.Diagnostics;
using System.Text;

namespace Lustrac.Energy.Testing;

/// <summary>
/// One of our own programs (server, gateway) run as a separate process from its build output, so a test can
/// kill it with SIGKILL at any moment, as a power cut or a crash would, and start it again.
/// </summary>
public sealed class ComponentProcess(string name, string dllPath, IReadOnlyList<string> args) : IAsyncDisposable
{
    private Process? _process;
    private readonly StringBuilder _output = new();

    public string Name => name;
    public bool IsRunning => _process is { HasExited: false };
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Environment variables added to the process's (e.g. NOTIFY_SOCKET, as systemd sets them).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>The build output of a project of this repository, in the configuration the tests were built in.</summary>
    public static string BuiltDll(string projectFolder, string assembly)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepositoryPaths.Root, projectFolder, "bin", configuration, "net10.0", assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first", path);
    }

    public void Start()
    {
        if (IsRunning) return;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dllPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in Environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Append($"--- started {name} (pid {process.Id})");
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like pulling the plug on the process.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        Append($"--- killed {name}");
        _process.Dispose();
        _process = null;
    }

    /// <summary>SIGTERM and wait: the orderly shutdown systemd would ask for.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(timeout);
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        Append($"--- stopped {name}");
        _process.Dispose();
        _process = null;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
