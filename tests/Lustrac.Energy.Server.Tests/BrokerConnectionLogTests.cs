using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests;

/// <summary>What the server's log says when ingest cannot connect: the server as a process, a real locked-down Mosquitto.</summary>
public sealed class BrokerConnectionLogTests
{
    private static ComponentProcess Server(string folder, int mqttPort, params string[] mqttArgs)
    {
        var site = Path.Combine(folder, "site.yaml");
        File.WriteAllText(site, TestSite.Yaml("logs" + Guid.NewGuid().ToString("N")[..6]));
        return new ComponentProcess("server", ComponentProcess.BuiltDll("server/Lustrac.Energy.Server", "Lustrac.Energy.Server"), [
            "--site", site, "--urls", $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
            "--Mqtt:Embedded", "false", "--Mqtt:Host", "127.0.0.1", "--Mqtt:Port", mqttPort.ToString(CultureInfo.InvariantCulture),
            "--Store:Kind", "sqlite", "--Store:SqlitePath", Path.Combine(folder, "lustrac.db"),
            "--Privacy:SecretsFile", Path.Combine(folder, "households.secrets"), "--Quarantine:File", Path.Combine(folder, "q.jsonl"),
            .. mqttArgs]);
    }

    [Fact]
    public async Task A_wrong_password_is_named_once_as_refused_credentials_then_logged_only_at_backed_off_attempts()
    {
        var folder = Directory.CreateTempSubdirectory("lustrac-server-logs-").FullName;
        var passwords = Path.Combine(folder, "passwd");
        await File.WriteAllTextAsync(passwords, "");
        using (var p = Process.Start("mosquitto_passwd", ["-b", passwords, "server", "right-password"])) await p.WaitForExitAsync();
        await using var broker = await MosquittoProcess.StartNewAsync($"password_file {passwords}", allowAnonymous: false);
        await using var server = Server(folder, broker.Port, "--Mqtt:Username", "server", "--Mqtt:Password", "wrong-password");
        server.Start();

        // Attempts 1 to 4 fail; only 1 (in full), 2 and 4 are logged. Waiting for the 4th is a condition, not a duration.
        await Eventually.TrueAsync(() => Task.FromResult(server.Output.Contains("after 4 attempts", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the fourth refused attempt logged");
        var output = server.Output;
        var named = Assert.Single(Regex.Matches(output, "refused the credentials[^\n]*"));
        Assert.Contains("user 'server'", named.Value, StringComparison.Ordinal);
        Assert.Contains($"Cannot connect to MQTT broker 127.0.0.1:{broker.Port}", output, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(output, "after 2 attempts"));
        Assert.DoesNotMatch("after 3 attempts", output);
        Assert.DoesNotMatch("connected to MQTT broker", output);
        Assert.DoesNotMatch("not connected", output);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_broker_that_is_down_is_reported_with_its_host_port_and_cause()
    {
        var folder = Directory.CreateTempSubdirectory("lustrac-server-logs-").FullName;
        var port = FreePort.Next(); // nothing listens there
        await using var server = Server(folder, port);
        server.Start();
        await Eventually.TrueAsync(() => Task.FromResult(server.Output.Contains("Cannot connect to MQTT broker", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the first failure logged");
        Assert.Contains($"Cannot connect to MQTT broker 127.0.0.1:{port}: connection refused", server.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch("Unspecified", server.Output);
        Directory.Delete(folder, recursive: true);
    }
}
