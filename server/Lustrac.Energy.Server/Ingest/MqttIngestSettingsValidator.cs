using System.Net;
using Lustrac.Energy.Protocol.Startup;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>The "Mqtt" section, checked when the server starts.</summary>
public sealed class MqttIngestSettingsValidator : IValidateOptions<MqttIngestSettings>
{
    public ValidateOptionsResult Validate(string? name, MqttIngestSettings mqtt)
    {
        var problems = new SettingProblems("Mqtt")
            .NotEmpty(nameof(mqtt.Host), mqtt.Host, "give the broker's address, e.g. 127.0.0.1 (the embedded broker listens there).")
            .Between(nameof(mqtt.Port), mqtt.Port, 1, 65535, "a TCP port", 1883)
            // 0 would end the session at each disconnect: readings sent while the server restarts would be lost.
            .Between(nameof(mqtt.SessionExpiryHours), mqtt.SessionExpiryHours, 1, 8760, "a number of hours", 7 * 24)
            // 0 makes the write loop spin without ever acknowledging; a negative number stops it.
            .Between(nameof(mqtt.MaxBatchReadings), mqtt.MaxBatchReadings, 1, 100_000, "a number of readings", 5000)
            .Check(!mqtt.UseTls || string.IsNullOrEmpty(mqtt.CaFile) || File.Exists(mqtt.CaFile), nameof(mqtt.CaFile),
                $"'{mqtt.CaFile}' does not exist; copy the cooperative's ca.crt there (made by deploy/mosquitto/make-tls.sh) or leave it empty to trust the system's CAs.");
        if (mqtt.Embedded && !string.IsNullOrWhiteSpace(mqtt.Host))
        {
            problems.Check(IsAddress(mqtt.Host), nameof(mqtt.Host),
                $"is '{mqtt.Host}'; the embedded broker listens on an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0 (all of them).");
            if (string.IsNullOrEmpty(mqtt.UsersFile) && IsAddress(mqtt.Host) && !IsLoopback(mqtt.Host))
                problems.Check(false, nameof(mqtt.UsersFile), $"is empty, so the embedded MQTT broker is open and may listen on loopback only, not '{mqtt.Host}'. " +
                    "Create users with deploy/mosquitto/make-users.sh and set Mqtt:UsersFile (and Mqtt:Username/Mqtt:Password for the server).");
        }
        return problems.Result();
    }

    private static bool IsAddress(string host) => host == "localhost" || IPAddress.TryParse(host, out _);

    private static bool IsLoopback(string host) => host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
