using System.Globalization;
using System.Text.RegularExpressions;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests;

/// <summary>
/// Mosquitto running deploy/mosquitto/lustrac.conf as shipped, with only what a test must change: the two
/// listener ports (free loopback ports), the folder of users/ACL/certificates, the persistence folder and logging.
/// </summary>
public static class ShippedMosquitto
{
    public static async Task<(MosquittoProcess Broker, int TlsPort)> StartAsync(SecuredSite site)
    {
        var broker = new MosquittoProcess();
        var tlsPort = FreePort.Next();
        var data = Path.Combine(broker.Folder, "data");
        Directory.CreateDirectory(data);
        var conf = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "mosquitto", "lustrac.conf"));
        conf = conf.Replace("listener 1883 127.0.0.1", $"listener {broker.Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1", StringComparison.Ordinal)
            .Replace("listener 8883", $"listener {tlsPort.ToString(CultureInfo.InvariantCulture)} 127.0.0.1", StringComparison.Ordinal)
            .Replace("/etc/mosquitto/lustrac/", site.Etc + "/", StringComparison.Ordinal)
            .Replace("/var/lib/mosquitto/", data + "/", StringComparison.Ordinal)
            .Replace("log_dest syslog", "log_dest stdout", StringComparison.Ordinal);
        // Run as the test's user: mosquitto started as root would switch to user 'mosquitto', which cannot read temp folders.
        conf = "user " + Environment.UserName + "\n" + conf;
        Assert.Matches(new Regex($"listener {tlsPort}"), conf);
        await File.WriteAllTextAsync(broker.ConfigPath, conf);
        await broker.StartAsync();
        return (broker, tlsPort);
    }
}

public sealed class ShippedMosquittoRulesTests : BrokerRulesContract
{
    private Lustrac.Energy.Testing.MosquittoProcess? _broker;
    private int _tlsPort;
    protected override int Port => _broker!.Port;

    public override async Task InitializeAsync() => (_broker, _tlsPort) = await ShippedMosquitto.StartAsync(Site);

    public override async Task DisposeAsync()
    {
        if (_broker is not null) await _broker.DisposeAsync();
        Site.Dispose();
    }

    [Fact]
    public async Task A_gateway_connects_over_tls_trusting_the_test_ca_and_its_readings_arrive()
    {
        await using var server = await AsAsync("server");
        await server.SubscribeAsync($"lustrac/v1/{Site.SiteId}/#");
        using var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Site.Etc, "ca.crt"));

        await using var gateway = await TestClient.ConnectAsync(TestClient.Options(_tlsPort, "gw-a", Site.PasswordOf("gw-a"), ca));
        await gateway.PublishAsync(Site.Topic("gw-a", "a-meter"), "over-tls");

        await server.WaitForAsync("over-tls", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_tls_listener_refuses_a_client_that_does_not_trust_the_ca()
    {
        using var otherCa = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Site.Etc, "server.crt"));
        await Assert.ThrowsAnyAsync<Exception>(() => TestClient.ConnectAsync(TestClient.Options(_tlsPort, "gw-a", Site.PasswordOf("gw-a"), otherCa)));
    }
}
