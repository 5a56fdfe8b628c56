using System.Buffers;
using System.Threading.Channels;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Mqtt;
using Lustrac.Energy.Protocol.Security;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Autonomy;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Storage;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Subscribes to every gateway's readings with a persistent session and acknowledges a message only after
/// the store accepted its readings (architecture decision 4). Valid messages queue in a bounded channel:
/// when the store is slow the handler waits, MQTT flow control pushes back on the broker, and nothing is
/// dropped. Invalid messages are quarantined with their reason and acknowledged so they never block others.
/// </summary>
public sealed class MqttIngestService(
    MqttIngestSettings settings, SiteModel site, MessageValidator validator, IReadingStore store, LiveReadings live,
    DeviceStatusBoard statuses, Quarantine quarantine, SequenceTracker sequences, IngestStatistics stats, TimeProvider clock,
    ILogger<MqttIngestService> log, AutonomyRecalculation autonomy, IngestBrokerClient shared, StoreReadiness readiness)
    : BackgroundService
{
    /// <summary>Send and receive buffers of the broker connection; the kernel caps them at net.core.rmem_max / wmem_max.</summary>
    public const int SocketBufferBytes = 1 << 20;

    private readonly Channel<PendingMessage> _pending = Channel.CreateBounded<PendingMessage>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly string _alertsTopic = Alerts.AlertTopicPublisher.Topic(site.Site.Id);

    private sealed record PendingMessage(List<StoredReading> Readings, MqttApplicationMessageReceivedEventArgs Delivery);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken).ConfigureAwait(false);
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e => OnMessageAsync(e, stoppingToken);
        shared.Attach(client);
        var writer = Task.Run(() => WriteLoopAsync(stoppingToken), stoppingToken);
        await KeepConnectedAsync(client, stoppingToken).ConfigureAwait(false);
        shared.Detach();
        _pending.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    private async Task KeepConnectedAsync(IMqttClient client, CancellationToken ct)
    {
        var reconnect = new BrokerReconnect(settings.Host, settings.Port, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        var options = ClientOptions();
        while (!ct.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                var failure = await TryConnectAsync(client, options, reconnect, ct).ConfigureAwait(false);
                if (failure is not null)
                {
                    stats.BrokerConnected = false;
                    var (delay, line) = reconnect.Failed(failure);
                    if (line is not null)
                    {
                        if (failure.Kind is BrokerFailureKind.CredentialsRefused or BrokerFailureKind.Tls) log.LogError("Ingest: {Problem}", line);
                        else log.LogWarning("Ingest: {Problem}", line);
                    }
                    try { await Task.Delay(delay, clock, ct).ConfigureAwait(false); }
                    catch (OperationCanceledException) { break; }
                    continue;
                }
            }
            stats.BrokerConnected = client.IsConnected;
            try { await Task.Delay(TimeSpan.FromMilliseconds(500), clock, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
        if (client.IsConnected)
        {
            try { await client.DisconnectAsync().ConfigureAwait(false); }
            catch (Exception ex) { log.LogDebug("Disconnect failed: {Error}", ex.Message); }
        }
    }

    /// <summary>Null once connected and subscribed; otherwise why not. MQTTnet returns a refused CONNECT instead of throwing.</summary>
    private async Task<BrokerFailure?> TryConnectAsync(IMqttClient client, MqttClientOptions options, BrokerReconnect reconnect, CancellationToken ct)
    {
        try
        {
            reconnect.Attempting();
            var result = await client.ConnectAsync(options, ct).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success || !client.IsConnected)
                return BrokerFailure.FromResult(result.ResultCode, result.ReasonString, settings.Username);
            // Subscriptions live in the persistent session, but subscribing again is harmless and covers a lost session.
            // The whole subtree of this site, not only readings and status, so a message on a mistyped topic
            // is quarantined with a reason instead of vanishing unseen in the broker.
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(Topics.SiteSubtree(site.Site.Id), MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), ct).ConfigureAwait(false);
            stats.BrokerConnected = true;
            reconnect.Connected();
            log.LogInformation("Ingest connected to MQTT broker {Broker}", reconnect.Broker);
            return null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return BrokerFailure.FromException(ex);
        }
        catch (OperationCanceledException)
        {
            return null; // stopping
        }
    }

    /// <summary>
    /// The server's identity on the broker, which keys its persistent session: its user name on a locked-down broker
    /// (Mosquitto's use_username_as_clientid, the embedded broker's rule), so no other client can take the session.
    /// </summary>
    public static string ClientId(string site, string? username) => string.IsNullOrEmpty(username) ? $"lustrac-server-{site}" : username;

    private MqttClientOptions ClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(ClientId(site.Site.Id, settings.Username))
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)TimeSpan.FromHours(settings.SessionExpiryHours).TotalSeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithReceiveMaximum(ushort.MaxValue)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (settings.Username is not null) builder = builder.WithCredentials(settings.Username, settings.Password);
        if (settings.UseTls)
        {
            var ca = string.IsNullOrEmpty(settings.CaFile) ? null : PrivateCaTrust.LoadCa(settings.CaFile);
            builder = builder.WithTlsOptions(o =>
            {
                o.UseTls();
                if (ca is not null) o.WithCertificateValidationHandler(e => PrivateCaTrust.Accepts(ca, e.Certificate, e.SslPolicyErrors));
            });
        }
        var options = builder.Build();
        // MQTTnet fixes both socket buffers at 8 KB, which also turns off the kernel's tuning of the receive window: about
        // ten messages fit in it, and once a busy moment fills it the broker only probes it every 200 ms (zero-window
        // persist timer), so ingest could fall to ~50 messages/s and stay there. A broker's whole in-flight window fits here.
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = SocketBufferBytes;
        return options;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken ct)
    {
        var topic = e.ApplicationMessage.Topic;
        if (topic == _alertsTopic) return; // the server's own retained alert list (Alerts/), inside the subtree it subscribes to
        var payload = e.ApplicationMessage.Payload.IsSingleSegment ? e.ApplicationMessage.Payload.FirstSpan : e.ApplicationMessage.Payload.ToArray();
        if (!TryAccept(topic, payload, out var readings, out var refusal))
        {
            quarantine.Add(topic, payload, refusal);
            log.LogWarning("Quarantined a message on {Topic}: {Reason}", topic, refusal.Reason);
            return;
        }
        if (readings is null) return; // a status: auto-acknowledged, it is a retained snapshot and the next one supersedes it
        sequences.Observe(readings[0].Device, readings[0].Seq);
        e.AutoAcknowledge = false;
        await _pending.Writer.WriteAsync(new PendingMessage(readings, e), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A status (readings null) or readings to store, or why the message is refused. A bug that throws on some input
    /// must not turn into a message acknowledged and lost: it is refused with the exception as its reason.
    /// </summary>
    private bool TryAccept(string topic, ReadOnlySpan<byte> payload, out List<StoredReading>? readings, out Refusal refusal)
    {
        readings = null;
        try
        {
            if (topic.EndsWith("/" + Topics.StatusLeaf, StringComparison.Ordinal)) return statuses.TryAccept(topic, payload, out refusal);
            var valid = validator.TryValidate(topic, payload, out var stored, out refusal);
            readings = stored;
            return valid;
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Reading a message on {Topic} failed", topic);
            refusal = new Refusal(RefusalCategory.Payload, $"the server could not read this message ({ex.GetType().Name}: {ex.Message})");
            return false;
        }
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        var batch = new List<PendingMessage>();
        var readings = new List<StoredReading>(settings.MaxBatchReadings);
        var acknowledging = Task.CompletedTask;
        try
        {
            while (await _pending.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                batch.Clear();
                readings.Clear();
                while (readings.Count < settings.MaxBatchReadings && _pending.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                    readings.AddRange(next.Readings);
                }
                stats.Backlogged = readings.Count >= settings.MaxBatchReadings && _pending.Reader.Count > 0;
                if (!await StoreWithRetryAsync(readings, ct).ConfigureAwait(false))
                    await StoreOneByOneAsync(batch, readings, ct).ConfigureAwait(false);
                stats.Stored(batch.Count, readings.Count, clock.GetUtcNow());
                // This batch is durable: its PUBACKs, then the live view and the autonomy hook, run on another thread while
                // the next batch is written (sending a PUBACK seldom yields, so without Task.Run they would delay it).
                // Waiting for the previous batch's turn first keeps PUBACKs in the order the messages arrived.
                var stored = batch.ToArray();
                var storedReadings = readings.ToArray();
                await acknowledging.ConfigureAwait(false);
                acknowledging = Task.Run(() => AfterStoreAsync(stored, storedReadings, ct), CancellationToken.None);
            }
            stats.Backlogged = false;
            await acknowledging.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Unacknowledged messages stay with the broker and come back on the next start.
        }
    }

    /// <summary>Retries outages until the store accepts; false if the store refused the data permanently.</summary>
    private async Task<bool> StoreWithRetryAsync(List<StoredReading> readings, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await store.WriteAsync(readings, ct).ConfigureAwait(false);
                return true;
            }
            catch (StoreException ex) when (ex.Permanent && !ct.IsCancellationRequested)
            {
                stats.StoreFailed(ex.Message);
                return false;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                stats.StoreFailed(ex.Message);
                log.LogWarning("Store write of {Count} readings failed ({Error}); retrying in {Delay:F1} s without acknowledging",
                    readings.Count, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, clock, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, delay.Ticks * 2));
            }
        }
    }

    /// <summary>
    /// A batch the store refused (e.g. InfluxDB HTTP 400) is written again message by message, so one bad message
    /// is quarantined with the store's reason instead of blocking every message behind it forever.
    /// On return <paramref name="readings"/> holds what was stored; every message of the batch may be acknowledged.
    /// </summary>
    private async Task StoreOneByOneAsync(List<PendingMessage> batch, List<StoredReading> readings, CancellationToken ct)
    {
        readings.Clear();
        foreach (var m in batch)
        {
            if (await StoreWithRetryAsync(m.Readings, ct).ConfigureAwait(false))
            {
                readings.AddRange(m.Readings);
                continue;
            }
            var topic = m.Delivery.ApplicationMessage.Topic;
            quarantine.Add(topic, m.Delivery.ApplicationMessage.Payload.ToArray(), new Refusal(RefusalCategory.StoreRefused, stats.LastStoreError ?? "refused by the store"));
            log.LogWarning("The store refused a message on {Topic}: {Error}", topic, stats.LastStoreError);
        }
    }

    private async Task AfterStoreAsync(PendingMessage[] stored, StoredReading[] readings, CancellationToken ct)
    {
        foreach (var m in stored) await AcknowledgeAsync(m, ct).ConfigureAwait(false);
        autonomy.Touched(readings);
        live.Accept(readings);
    }

    private async Task AcknowledgeAsync(PendingMessage m, CancellationToken ct)
    {
        try
        {
            await m.Delivery.AcknowledgeAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The connection that delivered it is gone; the broker will deliver it again and the store overwrites.
            log.LogDebug("Could not acknowledge a message ({Error}); it will be redelivered", ex.Message);
        }
    }
}
