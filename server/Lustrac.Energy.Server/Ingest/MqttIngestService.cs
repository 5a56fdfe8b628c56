using System.Threading.Channels;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Watchdog;
using MQTTnet;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Subscribes to every gateway's readings with a persistent session and acknowledges a message only after the store
/// accepted its readings (architecture decision 4): receiving and validating in <see cref="IngestMessageHandler"/>,
/// batching, storing and acknowledging in <see cref="IngestWriteLoop"/>, the connection in <see cref="IngestConnection"/>.
/// Valid messages queue in a bounded channel: when the store is slow the handler waits, MQTT flow control pushes back
/// on the broker, and nothing is dropped. What follows the store subscribes to <see cref="StoredBatches"/>.
/// </summary>
public sealed class MqttIngestService(
    MqttIngestSettings settings, SiteModel site, MessageValidator validator, IReadingStore store, DeviceStatusBoard statuses,
    Quarantine quarantine, SequenceTracker sequences, IngestStatistics stats, IngestPressure pressure, StoredBatches stored,
    IngestBrokerClient shared, StoreReadiness readiness, IngestProgress progress, TimeProvider clock, ILogger<MqttIngestService> log)
    : BackgroundService
{
    /// <summary>How many valid messages may wait for the store before the handler waits too.</summary>
    public const int QueueCapacity = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken).ConfigureAwait(false);
        var pending = Channel.CreateBounded<PendingMessage>(
            new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var handler = new IngestMessageHandler(site.Site.Id, validator, statuses, quarantine, sequences, pending.Writer, progress, log);
        var writeLoop = new IngestWriteLoop(settings, pending.Reader, store, quarantine, stats, pressure, stored, progress, clock, log);
        var connection = new IngestConnection(settings, site.Site.Id, stats, clock, log);

        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e => handler.OnMessageAsync(e, stoppingToken);
        shared.Attach(client);
        var writer = Task.Run(() => writeLoop.RunAsync(stoppingToken), stoppingToken);
        await connection.KeepConnectedAsync(client, stoppingToken).ConfigureAwait(false);
        shared.Detach();
        pending.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }
}
