using System.Diagnostics;
using Lustrac.Energy.Gateway.Publishing;
using Lustrac.Energy.Gateway.Tests.Support;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.Gateway.Tests.Publishing;

/// <summary>What the gateway's log says when it cannot connect: to a real, locked-down Mosquitto, with a fake clock for the waits.</summary>
public sealed class MqttConnectionLogTests
{
    [Fact]
    public async Task A_wrong_password_is_named_once_as_refused_credentials_and_the_retries_back_off()
    {
        var folder = Directory.CreateTempSubdirectory("lustrac-mqtt-log-").FullName;
        var passwords = Path.Combine(folder, "passwd");
        await File.WriteAllTextAsync(passwords, "");
        using (var p = Process.Start("mosquitto_passwd", ["-b", passwords, "gw-1", "right-password"])) await p.WaitForExitAsync();
        await using var broker = await MosquittoProcess.StartNewAsync($"password_file {passwords}", allowAnonymous: false);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var log = new RecordingLogger();
        var settings = new MqttSettings { Host = "127.0.0.1", Port = broker.Port, Username = "gw-1", Password = "wrong-password" };
        using var connection = new MqttConnection(settings, "gateway-test", log, clock, new Random(5));
        using var stop = new CancellationTokenSource();
        var connecting = connection.EnsureConnectedAsync(stop.Token);

        // Step the fake clock from one scheduled retry to the next, for two minutes of gateway time.
        var start = clock.GetUtcNow();
        var delays = new List<TimeSpan>();
        while (clock.GetUtcNow() - start < TimeSpan.FromMinutes(2))
        {
            var before = clock.GetUtcNow();
            await Eventually.TrueAsync(() => Task.FromResult(connection.NextAttemptAt > before), TimeSpan.FromSeconds(30), "the next retry scheduled");
            delays.Add(connection.NextAttemptAt!.Value - before);
            clock.SetUtcNow(connection.NextAttemptAt!.Value);
        }
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);

        // Without back-off this was ~100 attempts a second. With 250 ms doubling to 30 s and jitter of 50–100 %,
        // the delays are at least 0.125, 0.25, 0.5, 1, 2, 4, 8, 15, 15, … s: 2 minutes hold at most 14 attempts;
        // at most 0.25+0.5+1+2+4+8+16+30+30+30 s = 121.75 s, so at least 10.
        Assert.InRange(connection.ConnectAttempts, 10, 14);
        for (var i = 1; i < delays.Count; i++) Assert.True(delays[i] >= delays[i - 1] / 2, $"delay {i} shrank: {string.Join(", ", delays)}");
        Assert.True(delays[^1] >= TimeSpan.FromSeconds(15), $"the back-off did not grow: {string.Join(", ", delays)}");
        Assert.DoesNotContain(log.Lines, l => l.Message.StartsWith("Connected", StringComparison.Ordinal));
        var named = Assert.Single(log.Lines, l => l.Message.Contains("refused the credentials", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, named.Level);
        Assert.Contains($"127.0.0.1:{broker.Port}", named.Message, StringComparison.Ordinal);
        Assert.Contains("user 'gw-1'", named.Message, StringComparison.Ordinal);
        // Repeats are logged at attempts 2, 4, 8 (back-off of the log itself), not at every attempt.
        Assert.Equal(3, log.Lines.Count(l => l.Message.StartsWith("Still cannot connect", StringComparison.Ordinal)));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_missing_ca_file_does_not_matter_without_tls()
    {
        // The validator checks Mqtt:CaFile only with TLS on; the connection used to read it anyway and threw
        // FileNotFoundException at start. Now it connects to a plain loopback broker as configured.
        await using var broker = await MosquittoProcess.StartNewAsync("", allowAnonymous: true);
        var settings = new MqttSettings { Host = "127.0.0.1", Port = broker.Port, UseTls = false, CaFile = "/nonexistent/ca.crt" };
        using var connection = new MqttConnection(settings, "gateway-test-no-tls", new RecordingLogger());
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await connection.EnsureConnectedAsync(stop.Token);
        Assert.Equal(1, connection.ConnectAttempts);
    }

    [Fact]
    public async Task A_broker_that_is_down_is_reported_with_its_host_port_and_cause()
    {
        var port = FreePort.Next(); // nothing listens there
        var log = new RecordingLogger();
        var clock = new FakeTimeProvider();
        using var connection = new MqttConnection(new MqttSettings { Host = "127.0.0.1", Port = port }, "gateway-test", log, clock);
        using var stop = new CancellationTokenSource();
        var connecting = connection.EnsureConnectedAsync(stop.Token);
        await Eventually.TrueAsync(() => Task.FromResult(connection.NextAttemptAt is not null), TimeSpan.FromSeconds(30), "the first failure");
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);

        var line = Assert.Single(log.At(LogLevel.Warning));
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("connection refused", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unspecified", line, StringComparison.Ordinal);
    }
}
