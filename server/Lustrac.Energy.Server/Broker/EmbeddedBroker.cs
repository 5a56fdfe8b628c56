using System.Net;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Ingest;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Lustrac.Energy.Server.Broker;

/// <summary>
/// MQTTnet's broker inside the server process: the embedded default, so one command runs the whole system
/// with no external service. Mosquitto is the production path, chosen by setting Mqtt:Embedded to false.
/// With Mqtt:UsersFile it enforces the shipped Mosquitto rules (passwords, per-gateway write, server read-only,
/// client id = user name);
/// without, it is open, and then only on loopback.
/// </summary>
public sealed class EmbeddedBroker(MqttIngestSettings settings, SiteModel site, ILogger<EmbeddedBroker> log) : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;
    private PasswordFile? _users;
    private BrokerAccessRules? _rules;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(settings.Host == "localhost" ? "127.0.0.1" : settings.Host))
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        _server.ValidatingConnectionAsync += AssignMissingClientId;
        if (!string.IsNullOrEmpty(settings.UsersFile))
        {
            _users = PasswordFile.Load(settings.UsersFile);
            _rules = new BrokerAccessRules(site, settings.Username ?? "server");
            _server.ValidatingConnectionAsync += Authenticate;
            _server.InterceptingPublishAsync += AuthorisePublish;
            _server.InterceptingSubscriptionAsync += AuthoriseSubscription;
        }
        try
        {
            await _server.StartAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"The embedded MQTT broker cannot listen on {settings.Host}:{settings.Port} ({ex.Message}). " +
                "Another broker may already use that port: stop it, or choose another with --Mqtt:Port.", ex);
        }
        log.LogInformation("Embedded MQTT broker listening on {Host}:{Port}", settings.Host, settings.Port);
    }

    /// <summary>
    /// MQTT lets a client with a clean session send an empty client id and have the broker assign one
    /// (mosquitto_pub does this). MQTTnet refuses it unless told which id to assign.
    /// </summary>
    private static Task AssignMissingClientId(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId) && e.CleanSession != false)
        {
            e.AssignedClientIdentifier = "auto-" + Guid.NewGuid().ToString("N")[..12];
            e.ReasonCode = MQTTnet.Protocol.MqttConnectReasonCode.Success;
        }
        return Task.CompletedTask;
    }

    private Task Authenticate(ValidatingConnectionEventArgs e)
    {
        if (e.ReasonCode != MqttConnectReasonCode.Success) return Task.CompletedTask;
        if (!_users!.Verify(e.UserName, e.Password)) e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        else if (!_rules!.IsKnownUser(e.UserName)) e.ReasonCode = MqttConnectReasonCode.NotAuthorized;
        // A client id keys a session: whoever connects with the server's id would close it and replace its queue.
        // Mosquitto's use_username_as_clientid renames the client; MQTTnet cannot, so a different id is refused.
        else if (string.IsNullOrEmpty(e.ClientId) && e.AssignedClientIdentifier is not null) e.AssignedClientIdentifier = e.UserName;
        else if (!string.Equals(e.ClientId, e.UserName, StringComparison.Ordinal)) e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
        if (e.ReasonCode != MqttConnectReasonCode.Success)
            log.LogWarning("Refused MQTT connection of '{User}' with client id '{ClientId}' ({Reason}); the client id must be the user name", e.UserName, e.ClientId, e.ReasonCode);
        return Task.CompletedTask;
    }

    private Task AuthorisePublish(InterceptingPublishEventArgs e)
    {
        // Messages the broker itself injects have no client.
        if (string.IsNullOrEmpty(e.ClientId) || _rules!.MayPublish(e.UserName, e.ApplicationMessage.Topic)) return Task.CompletedTask;
        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        log.LogWarning("Refused a publish of '{User}' on {Topic}", e.UserName, e.ApplicationMessage.Topic);
        return Task.CompletedTask;
    }

    private Task AuthoriseSubscription(InterceptingSubscriptionEventArgs e)
    {
        if (_rules!.MaySubscribe(e.UserName, e.TopicFilter.Topic)) return Task.CompletedTask;
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        log.LogWarning("Refused a subscription of '{User}' to {Filter}", e.UserName, e.TopicFilter.Topic);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.StopAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
