using System.Diagnostics;
using System.Globalization;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Delivery.Tests;

/// <summary>
/// Mosquitto running deploy/mosquitto/lustrac.conf as shipped, with users, ACL and certificates made by the
/// shipped make-users.sh and make-tls.sh for the rig's site file. Only the listener ports, the folders and
/// logging are changed (as in Server.Tests' ShippedMosquitto).
/// </summary>
public sealed class ShippedBroker
{
    public required MosquittoProcess Process { get; init; }
    public required int TlsPort { get; init; }
    public required string Etc { get; init; }
    public string CaFile => Path.Combine(Etc, "ca.crt");
    public string PasswordOf(string user) => File.ReadAllText(Path.Combine(Etc, "credentials", user));

    public static async Task<ShippedBroker> StartAsync(string siteFile, string folder)
    {
        var etc = Path.Combine(folder, "etc");
        Run("make-users.sh", siteFile, etc);
        Run("make-tls.sh", etc);
        var broker = new MosquittoProcess();
        var tlsPort = FreePort.Next();
        var data = Path.Combine(broker.Folder, "data");
        Directory.CreateDirectory(data);
        var conf = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "mosquitto", "lustrac.conf"));
        conf = conf.Replace("listener 1883 127.0.0.1", $"listener {broker.Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1", StringComparison.Ordinal)
            .Replace("listener 8883", $"listener {tlsPort.ToString(CultureInfo.InvariantCulture)} 127.0.0.1", StringComparison.Ordinal)
            .Replace("/etc/mosquitto/lustrac/", etc + "/", StringComparison.Ordinal)
            .Replace("/var/lib/mosquitto/", data + "/", StringComparison.Ordinal)
            .Replace("log_dest syslog", "log_dest stdout", StringComparison.Ordinal);
        if (!conf.Contains($"listener {tlsPort}", StringComparison.Ordinal)) throw new InvalidOperationException("lustrac.conf no longer has 'listener 8883'");
        await File.WriteAllTextAsync(broker.ConfigPath, "user " + Environment.UserName + "\n" + conf);
        await broker.StartAsync();
        return new ShippedBroker { Process = broker, TlsPort = tlsPort, Etc = etc };
    }

    private static void Run(string script, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "deploy", "mosquitto", script), args)
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = System.Diagnostics.Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{script} failed: {output}");
    }
}
