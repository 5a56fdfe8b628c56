using System.Text;
using Lustrac.Energy.Gateway.Outbox;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace Lustrac.Energy.Delivery.Tests;

/// <summary>
/// Every reading the gateway generated, counted by (device, seq), must be stored exactly once and in order,
/// through a broker stop, a server crash, an InfluxDB crash, repeated SIGKILLs of the gateway, the same
/// backlog replayed twice, and a gateway trying to publish on another gateway's topics.
/// Outages are scaled to seconds to fit CI.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Every_generated_reading_is_stored_exactly_once_and_in_order_through_every_fault()
    {
        await using var rig = await DeliveryRig.StartAsync();
        try
        {
            await Eventually.TrueAsync(async () => await rig.StoredCountAsync() >= 6, Patience, "first readings stored");
            output.WriteLine($"flowing: {await rig.StoredCountAsync()} stored");

            // 1. The broker stops mid-stream (orderly: Mosquitto saves its persistent sessions on the way down).
            //    The gateway's backlog grows meanwhile: a copy of it is kept to replay a second time at the end.
            var snapshot = Path.Combine(rig.Folder, "outbox-snapshot");
            await rig.Broker.StopAsync();
            await Task.Delay(Outage);
            CopyFolder(rig.OutboxFolder, snapshot);
            await rig.Broker.StartAsync();
            await GrowsAsync(rig, "after the broker came back");

            // 2. The server crashes; the broker holds its persistent session's messages meanwhile.
            await rig.Server.KillAsync();
            await Task.Delay(Outage);
            rig.Server.Start();
            await GrowsAsync(rig, "after the server came back");

            // 3. InfluxDB crashes; the server retries without acknowledging.
            await rig.Influx.KillAsync();
            await Task.Delay(Outage);
            await rig.Influx.StartAsync();
            await GrowsAsync(rig, "after InfluxDB came back");

            // 4. The gateway is killed with SIGKILL at random moments.
            var random = new Random(17);
            for (var i = 0; i < 3; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(700, 2500)));
                await rig.GatewayProcess.KillAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 1500)));
                rig.GatewayProcess.Start();
            }
            await GrowsAsync(rig, "after the gateway kills");

            // 5. A gateway publishing on another gateway's topics is refused by the broker's ACL.
            var forbidden = await PublishAsOtherGatewayAsync(rig);
            Assert.NotEqual(MqttClientPublishReasonCode.Success, forbidden);

            // 6. No more readings: stop the devices, let the gateway drain, read what it generated.
            await rig.StopDevicesAsync();
            var generated = await DrainAndCountGeneratedAsync(rig);
            var stored = await WaitForAllAsync(rig, generated);
            AssertExactlyOnceInOrder(generated, stored);
            output.WriteLine($"generated and stored exactly once: {string.Join(", ", generated.Select(g => $"{g.Key} 1..{g.Value}"))}");
            foreach (var partial in rig.PartialMessages) output.WriteLine($"stored from a partial read: {partial}");
            // Only the poll the devices' stop cut short may lack quantities: anywhere else, readings of a message were lost.
            Assert.All(rig.PartialMessages, p => Assert.True((ulong)p.Seq == generated[p.Device],
                $"{p}: a message other than {p.Device}'s last ({generated[p.Device]}) lost readings"));

            // 7. The same backlog replayed twice (once on the first pass, once now): nothing changes.
            await rig.GatewayProcess.StopAsync(TimeSpan.FromSeconds(20));
            Directory.Delete(rig.OutboxFolder, recursive: true);
            CopyFolder(snapshot, rig.OutboxFolder);
            var replayed = PendingIn(rig.OutboxFolder);
            await DrainAsync(rig);
            output.WriteLine($"replayed {replayed} messages from the snapshot");
            Assert.True(replayed > 0, "the snapshot should hold unsent messages to replay");
            var afterReplay = await rig.StoredAsync();
            AssertExactlyOnceInOrder(generated, afterReplay);
        }
        catch
        {
            output.WriteLine(rig.Diagnostics());
            throw;
        }
    }

    private static async Task GrowsAsync(DeliveryRig rig, string when)
    {
        var before = await rig.StoredCountAsync();
        await Eventually.TrueAsync(async () => await rig.StoredCountAsync() > before + 3, Patience, $"readings flowing {when}");
    }

    /// <summary>Drains the gateway's outbox, then reads the last sequence number it gave each device.</summary>
    private static async Task<Dictionary<string, ulong>> DrainAndCountGeneratedAsync(DeliveryRig rig)
    {
        await DrainAsync(rig);
        using var outbox = DiskOutbox.Open(new OutboxSettings { Folder = rig.OutboxFolder }, NullLogger.Instance);
        return DeliveryRig.Devices.ToDictionary(d => d, outbox.LastSeq);
    }

    /// <summary>Lets the running gateway publish for a while, stops it, and repeats until its outbox is empty.</summary>
    private static async Task DrainAsync(DeliveryRig rig)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (!rig.GatewayProcess.IsRunning) rig.GatewayProcess.Start();
            await Task.Delay(TimeSpan.FromSeconds(4));
            await rig.GatewayProcess.StopAsync(TimeSpan.FromSeconds(20));
            var pending = PendingIn(rig.OutboxFolder);
            if (pending == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the gateway's outbox still holds {pending} messages");
        }
    }

    private static async Task<Dictionary<string, List<(long Seq, DateTimeOffset Time)>>> WaitForAllAsync(DeliveryRig rig, Dictionary<string, ulong> generated)
    {
        Dictionary<string, List<(long Seq, DateTimeOffset Time)>> stored = [];
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                stored = await rig.StoredAsync();
                return generated.All(g => stored[g.Key].Count >= (int)g.Value);
            }, Patience, "every generated reading stored");
        }
        catch (TimeoutException)
        {
            // Fall through: the exactly-once assertion then names the missing sequence numbers.
        }
        return stored;
    }

    private static void AssertExactlyOnceInOrder(Dictionary<string, ulong> generated, Dictionary<string, List<(long Seq, DateTimeOffset Time)>> stored)
    {
        foreach (var (device, last) in generated)
        {
            Assert.True(last > 10, $"{device}: only {last} readings generated");
            var points = stored[device].OrderBy(p => p.Time).ToList();
            var seqs = points.Select(p => p.Seq).ToList();
            var missing = Enumerable.Range(1, (int)last).Select(i => (long)i).Except(seqs).ToList();
            Assert.True(missing.Count == 0, $"{device}: seq {string.Join(", ", missing)} of 1..{last} not stored (stored around them: " +
                string.Join(", ", points.Where(p => missing.Any(m => Math.Abs(p.Seq - m) <= 2)).Select(p => $"{p.Seq}@{p.Time:HH:mm:ss.fff}")) + ")");
            Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), seqs); // every seq once, in time order
        }
    }

    private static async Task<MqttClientPublishReasonCode> PublishAsOtherGatewayAsync(DeliveryRig rig)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var (user, password) = DeliveryRig.OtherGatewayCredentials;
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", rig.Broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCredentials(user, password).WithClientId("rogue").Build());
        var payload = Encoding.UTF8.GetBytes($"{{\"seq\":999999,\"time\":\"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss}Z\",\"readings\":[{{\"quantity\":\"frequency\",\"value\":50,\"unit\":\"Hz\"}}]}}");
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"lustrac/v1/{rig.SiteId}/{DeliveryRig.Gateway}/h01-meter/readings").WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await client.DisconnectAsync();
        return result.ReasonCode;
    }

    private static long PendingIn(string folder)
    {
        using var outbox = DiskOutbox.Open(new OutboxSettings { Folder = folder }, NullLogger.Instance);
        return outbox.Statistics().PendingRecords;
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
