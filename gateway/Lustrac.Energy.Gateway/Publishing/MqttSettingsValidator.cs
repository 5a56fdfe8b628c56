using Lustrac.Energy.Protocol.Startup;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Gateway.Publishing;

/// <summary>The gateway's "Mqtt" section, checked when the gateway starts.</summary>
public sealed class MqttSettingsValidator : IValidateOptions<MqttSettings>
{
    public ValidateOptionsResult Validate(string? name, MqttSettings mqtt) =>
        new SettingProblems("Mqtt")
            .NotEmpty(nameof(mqtt.Host), mqtt.Host,
                "set the broker in the configuration file (/etc/lustrac/gateway.json on a Pi) or start with --mqtt-host <server>.")
            .Between(nameof(mqtt.Port), mqtt.Port, 1, 65535, "a TCP port", 1883)
            // MQTT carries the keep-alive in 16 bits; 0 would switch it off and a dead link would go unnoticed.
            .Between(nameof(mqtt.KeepAliveSeconds), mqtt.KeepAliveSeconds, 1, 65535, "a number of seconds", 15)
            .Check(!mqtt.UseTls || string.IsNullOrEmpty(mqtt.CaFile) || File.Exists(mqtt.CaFile), nameof(mqtt.CaFile),
                $"{mqtt.CaFile} does not exist. Copy the cooperative's ca.crt there (made by deploy/mosquitto/make-tls.sh on the server).")
            .Result();
}
