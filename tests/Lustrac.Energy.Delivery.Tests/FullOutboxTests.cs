using System.Text.Json;
using Lustrac.Energy.Gateway.Outbox;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Lustrac.Energy.Delivery.Tests;

/// <summary>
/// Issue 11: a gateway whose outbox disk fills during a broker outage keeps polling, drops and counts its
/// oldest segments, survives a restart while full, and delivers the rest when the broker is back. Real
/// processes throughout: the shipped Mosquitto configuration (gateway over TLS), server, InfluxDB, and the
/// outbox on a real 512 KiB tmpfs.
/// </summary>
public sealed class FullOutboxTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_full_outbox_disk_drops_and_counts_the_oldest_and_delivers_everything_else_exactly()
    {
        using var disk = new SmallDisk(kilobytes: 512);
        await using var rig = await DeliveryRig.StartAsync(new DeliveryRig.Options(
            ShippedBroker: true, OutboxFolder: Path.Combine(disk.Folder, "outbox"), GatewayArgs: ["--Outbox:SegmentKilobytes", "16"]));
        try
        {
            await Eventually.TrueAsync(async () => await rig.StoredCountAsync() >= 6, Patience, "first readings stored");

            // The broker goes away; other files fill the card (a filler stands in for hours of readings) to 40 KiB free.
            await rig.Broker.StopAsync();
            disk.FillLeaving(40 * 1024);
            var firstDrops = await DroppedGrowsAsync(rig, 0, "the outbox dropping its oldest segment on the full disk");
            var moreDrops = await DroppedGrowsAsync(rig, firstDrops, "the gateway still polling and dropping");
            Assert.True(rig.GatewayProcess.IsRunning, "the gateway stopped when its disk filled");
            Assert.Contains("Outbox full: the disk holding", rig.GatewayProcess.Output, StringComparison.Ordinal);

            // Killed and restarted with the disk still full: it comes up and carries on.
            await rig.GatewayProcess.KillAsync();
            rig.GatewayProcess.Start();
            await DroppedGrowsAsync(rig, moreDrops, "the restarted gateway polling on the full disk");
            Assert.True(rig.GatewayProcess.IsRunning, "the gateway did not survive a restart on a full disk");

            // The broker is back: what the outbox still holds is delivered.
            await rig.Broker.StartAsync();
            await rig.StopDevicesAsync();
            var (generated, dropped) = await DrainAsync(rig);
            var stored = await WaitForStoredAsync(rig, generated, dropped);
            foreach (var (device, last) in generated)
            {
                var seqs = stored[device].Select(p => p.Seq).Distinct().ToList();
                output.WriteLine($"{device}: published 1..{last}, dropped {dropped[device]}, stored {seqs.Count}");
                Assert.All(seqs, s => Assert.InRange(s, 1, (long)last));
                Assert.Equal((long)last - dropped[device], seqs.Count);
            }
            Assert.True(dropped.Values.Sum() > 0, "nothing was dropped: the disk never filled");
        }
        catch
        {
            output.WriteLine(rig.Diagnostics());
            throw;
        }
    }

    /// <summary>Waits until the gateway's count of dropped messages (its losses.json) exceeds <paramref name="above"/>.</summary>
    private static async Task<long> DroppedGrowsAsync(DeliveryRig rig, long above, string what)
    {
        long total = 0;
        await Eventually.TrueAsync(() => Task.FromResult((total = DroppedSoFar(rig.OutboxFolder)) > above), Patience, what);
        return total;
    }

    private static long DroppedSoFar(string outbox)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outbox, "losses.json")));
            return doc.RootElement.GetProperty("Total").GetInt64();
        }
        catch (Exception ex) when (ex is IOException or JsonException) { return 0; }
    }

    /// <summary>Runs the gateway until its outbox is empty; then the last number given to each device, and how many of its readings were dropped.</summary>
    private static async Task<(Dictionary<string, ulong> Generated, Dictionary<string, long> Dropped)> DrainAsync(DeliveryRig rig)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (!rig.GatewayProcess.IsRunning) rig.GatewayProcess.Start();
            await Task.Delay(TimeSpan.FromSeconds(4));
            await rig.GatewayProcess.StopAsync(TimeSpan.FromSeconds(20));
            using var outbox = DiskOutbox.Open(new OutboxSettings { Folder = rig.OutboxFolder, SegmentKilobytes = 16 }, NullLogger.Instance);
            var stats = outbox.Statistics();
            if (stats.PendingRecords == 0)
                return (DeliveryRig.Devices.ToDictionary(d => d, outbox.LastSeq), DeliveryRig.Devices.ToDictionary(d => d, d => stats.DroppedByDevice.GetValueOrDefault(d)));
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the gateway's outbox still holds {stats.PendingRecords} messages");
        }
    }

    private static async Task<Dictionary<string, List<(long Seq, DateTimeOffset Time)>>> WaitForStoredAsync(
        DeliveryRig rig, Dictionary<string, ulong> generated, Dictionary<string, long> dropped)
    {
        Dictionary<string, List<(long Seq, DateTimeOffset Time)>> stored = [];
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                stored = await rig.StoredAsync();
                return generated.All(g => stored[g.Key].Select(p => p.Seq).Distinct().Count() >= (long)g.Value - dropped[g.Key]);
            }, Patience, "every reading still held stored");
        }
        catch (TimeoutException)
        {
            // Fall through: the count assertion then says by how much.
        }
        return stored;
    }
}
