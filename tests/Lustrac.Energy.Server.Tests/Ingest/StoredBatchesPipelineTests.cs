using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Ingest;

/// <summary>
/// The whole server through a real Mosquitto: the live view and the autonomy recalculation hear of stored readings
/// through the one seam, <see cref="StoredBatches"/>, and only once the store holds them.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class StoredBatchesPipelineTests(SharedServices services)
{
    [Fact]
    public async Task A_reading_reaches_the_live_view_through_the_seam_after_the_store_holds_it()
    {
        await using var server = await RunningServer.StartAsync("sqlite", services.MqttPort, services.InfluxUrl);
        var hub = server.Services.GetRequiredService<StoredBatches>();
        Assert.Equal([typeof(LiveReadings), typeof(LateDataQueue)], hub.Observers.Select(o => o.GetType()));

        var live = server.Services.GetRequiredService<LiveReadings>();
        var heard = new TaskCompletionSource<StoredReading>(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Updated += r => heard.TrySetResult(r);

        var time = DateTimeOffset.UtcNow.AddMinutes(-1);
        time = time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond)); // the wire carries milliseconds
        using var gateway = new MqttClientFactory().CreateMqttClient();
        await gateway.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", services.MqttPort)
            .WithClientId("seam-" + Guid.NewGuid().ToString("N")[..8]).Build());
        await gateway.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Readings(new DeviceAddress(server.SiteId, "gw-1", "h01-meter")))
            .WithPayload(ReadingCodec.Encode(new ReadingMessage(7, time, [new Reading("energy_import", 1234.5, "kWh", ReadingQuality.Good)])))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        var reading = await heard.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(("h01-meter", "energy_import", 1234.5, 7UL, time), (reading.Device, reading.Quantity, reading.Value, reading.Seq, reading.Time));

        // Heard after the store accepted it: it is there when the live view has it.
        var stored = await server.Store.ReadQuantityAsync("energy_import", time.AddSeconds(-1), time.AddSeconds(1), CancellationToken.None);
        Assert.Equal(1234.5, Assert.Single(stored["h01-meter"]).Value);
    }
}
