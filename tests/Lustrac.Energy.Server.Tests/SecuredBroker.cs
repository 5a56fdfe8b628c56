using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Server.Tests;

/// <summary>
/// Users, ACL and certificates made by the shipped scripts (deploy/mosquitto/make-users.sh and make-tls.sh)
/// for a two-gateway site, and MQTT clients that log in with them.
/// </summary>
public sealed class SecuredSite : IDisposable
{
    public string SiteId { get; } = "sec" + Guid.NewGuid().ToString("N")[..8];
    public string Folder { get; } = Directory.CreateTempSubdirectory("lustrac-secure-").FullName;
    public string SiteFile => Path.Combine(Folder, "site.yaml");
    public string Etc => Path.Combine(Folder, "etc");
    public string PasswordOf(string user) => File.ReadAllText(Path.Combine(Etc, "credentials", user));

    public SecuredSite()
    {
        TestSites.Builder(SiteId).Household("h01").Household("h02").Gateway("gw-a").Gateway("gw-b")
            .Device("a-meter", "gw-a", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h01", address: 1)
            .Device("b-meter", "gw-b", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h02", address: 2)
            .WriteTo(SiteFile);
        Run("make-users.sh", SiteFile, Etc);
        Run("make-tls.sh", Etc);
    }

    public string Topic(string gateway, string device) => $"lustrac/v1/{SiteId}/{gateway}/{device}/readings";

    public static void Run(string script, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "deploy", "mosquitto", script), args)
        { RedirectStandardOutput = true, RedirectStandardError = true };
        // make-users.sh reads the site file with the server's own loader: the build the tests run against.
        info.Environment["LUSTRAC_SERVER"] = "dotnet " + ComponentProcess.BuiltDll("server/Lustrac.Energy.Server", "Lustrac.Energy.Server");
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{script} failed: {output}");
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}

/// <summary>An MQTT v5 client that records what it receives.</summary>
public sealed class TestClient : IAsyncDisposable
{
    public IMqttClient Mqtt { get; } = new MqttClientFactory().CreateMqttClient();
    public ConcurrentQueue<string> Received { get; } = new();

    private TestClient() => Mqtt.ApplicationMessageReceivedAsync += e =>
    {
        Received.Enqueue(e.ApplicationMessage.Topic + " " + e.ApplicationMessage.ConvertPayloadToString());
        return Task.CompletedTask;
    };

    /// <summary>Client id = user name, as the server and the gateways connect; <paramref name="clientId"/> to try another.</summary>
    public static MqttClientOptionsBuilder Options(int port, string? user, string? password, X509Certificate2? trustedCa = null, string? clientId = null)
    {
        var b = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId ?? user ?? "t-" + Guid.NewGuid().ToString("N")[..10]).WithTimeout(TimeSpan.FromSeconds(20));
        if (user is not null) b = b.WithCredentials(user, password);
        if (trustedCa is not null)
            b = b.WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(e => TrustedBy(trustedCa, e.Certificate, e.SslPolicyErrors)));
        return b;
    }

    /// <summary>Accepts the broker's certificate only if it chains to the test CA and names the host.</summary>
    private static bool TrustedBy(X509Certificate2 ca, X509Certificate certificate, System.Net.Security.SslPolicyErrors errors)
    {
        if ((errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    public static async Task<TestClient> ConnectAsync(MqttClientOptionsBuilder options)
    {
        var c = new TestClient();
        await c.Mqtt.ConnectAsync(options.Build());
        return c;
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, string payload) =>
        await Mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public async Task<MqttClientSubscribeResult> SubscribeAsync(string filter) =>
        await Mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public async Task WaitForAsync(string containing, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Received.Any(r => r.Contains(containing, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{containing}' not received; got: {string.Join(" | ", Received)}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Mqtt.IsConnected) await Mqtt.DisconnectAsync();
        Mqtt.Dispose();
    }
}
