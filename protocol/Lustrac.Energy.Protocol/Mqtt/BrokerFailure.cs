using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Exceptions;

namespace Lustrac.Energy.Protocol.Mqtt;

public enum BrokerFailureKind { CredentialsRefused, RefusedByBroker, Unreachable, Tls, Other }

/// <summary>Why a connection to the broker failed, in words an installer can act on (MQTTnet's own say "Unspecified/…").</summary>
public sealed record BrokerFailure(BrokerFailureKind Kind, string Cause, string Short)
{
    /// <summary>The broker answered CONNECT with something other than success.</summary>
    public static BrokerFailure FromResult(MqttClientConnectResultCode code, string? reason, string? user)
    {
        if (code is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized)
        {
            var who = user is null ? "no user name was given" : $"user '{user}'";
            return new(BrokerFailureKind.CredentialsRefused,
                $"the broker refused the credentials ({who}, {code}): check Mqtt:Username and Mqtt:Password against the broker's " +
                "password file (deploy/mosquitto/make-users.sh keeps each user's password in credentials/<user>)", "credentials refused");
        }
        var why = string.IsNullOrEmpty(reason) ? code.ToString() : $"{code}: {reason}";
        return new(BrokerFailureKind.RefusedByBroker, $"the broker refused the connection ({why})", $"refused, {code}");
    }

    public static BrokerFailure FromException(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationException tls:
                    return new(BrokerFailureKind.Tls, $"the TLS handshake failed ({tls.Message}): check that Mqtt:CaFile is the cooperative's " +
                        "ca.crt and that the broker's certificate names this host", "TLS handshake failed");
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return Unreachable("connection refused: nothing listens on that port (is the broker running? is Mqtt:Port right?)", "connection refused");
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return Unreachable("the host name is unknown (check Mqtt:Host)", "host name unknown");
                case SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown }:
                    return Unreachable("no route to the host (network down, or wrong Mqtt:Host?)", "no route");
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                case TimeoutException:
                case MqttCommunicationTimedOutException:
                    return Unreachable("no answer in time (wrong address, a firewall, or the network is down?)", "no answer");
            }
        }
        var inner = ex.GetBaseException();
        return new(BrokerFailureKind.Other, $"{inner.GetType().Name}: {inner.Message}", inner.GetType().Name);
    }

    private static BrokerFailure Unreachable(string cause, string brief) => new(BrokerFailureKind.Unreachable, cause, brief);
}
