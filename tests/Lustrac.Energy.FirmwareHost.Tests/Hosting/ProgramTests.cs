// Keeps literal YAML: the bad site file's text is the subject (the loader's message for it), and the sample site is
// the repository's own file with its ports moved.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.Tests.Support;

namespace Lustrac.Energy.FirmwareHost.Tests.Hosting;

/// <summary>The host as a process: what an operator sees.</summary>
public sealed class ProgramTests
{
    private static Process StartHost(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(EmulatedSite).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_bad_site_file_stops_start_up_with_the_loader_message_and_exit_code_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.site.yaml");
        await File.WriteAllTextAsync(path, "site:\n  id: x\n  latitude: 44.4\n  longitude: 0.85\nhouseholds: []\ngateways: []\ndevices:\n  - id: m\n    kind: toaster\n");
        try
        {
            using var host = StartHost("--site", path);
            var error = await host.StandardError.ReadToEndAsync();
            await host.WaitForExitAsync();

            Assert.Equal(2, host.ExitCode);
            Assert.Contains("The site file has", error);
            Assert.Contains("device 1 has no 'gateway'", error);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Host_prints_one_line_per_listener_serves_and_stops_cleanly_on_sigterm()
    {
        // The sample site with its five buses moved to free ports, so the test never collides with a running demo.
        int[] samplePorts = [15021, 15022, 15023, 15031, 15032];
        var ports = samplePorts.ToDictionary(p => p, _ => FreePort());
        var yaml = await File.ReadAllTextAsync(RepoFiles.SampleSite);
        foreach (var (original, free) in ports) yaml = yaml.Replace($"127.0.0.1:{original}", $"127.0.0.1:{free}");
        var port = ports[15021];
        var path = Path.Combine(Path.GetTempPath(), $"sample-{Guid.NewGuid():N}.site.yaml");
        await File.WriteAllTextAsync(path, yaml);
        try
        {
            using var host = StartHost("--site", path, "--speed", "60", "--start", "2026-06-21T10:00:00Z", "--seed", "3");
            var lines = new List<string>();
            string? line;
            while (lines.Count < 6 && (line = await host.StandardOutput.ReadLineAsync()) is not null) lines.Add(line);

            Assert.Contains(lines, l => l.StartsWith($"modbus-tcp://127.0.0.1:{port} listening on 127.0.0.1:{port}: 1=h01-meter (sdm630)"));
            Assert.Equal(5, lines.Count(l => l.Contains(" listening on ")));
            using (var client = await RawModbusClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)))
            {
                var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(1, 10, 0x04, 0x0048, 2));
                Assert.Equal(0x04, reply[7]);
            }

            using (var kill = Process.Start("kill", ["-TERM", host.Id.ToString()])) await kill.WaitForExitAsync();
            var rest = await host.StandardOutput.ReadToEndAsync();
            await host.WaitForExitAsync();

            Assert.Equal(0, host.ExitCode);
            Assert.Contains("stopping", rest);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_bad_fault_file_stops_start_up_with_its_problems_and_exit_code_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.faults.yaml");
        await File.WriteAllTextAsync(path, "faults:\n  - device: h01-meter\n    kind: explode\n");
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();

            var code = await HostRunner.RunAsync(["--site", RepoFiles.SampleSite, "--faults", path], output, error, CancellationToken.None);

            Assert.Equal(2, code);
            Assert.Contains("kind 'explode' is unknown", error.ToString());
            Assert.Equal("", output.ToString());
        }
        finally { File.Delete(path); }
    }
}
