namespace Lustrac.Energy.Server.Ingest;

/// <summary>Bound from the "Mqtt" configuration section.</summary>
public sealed class MqttIngestSettings
{
    /// <summary>Run MQTTnet's broker inside the server (the embedded default) instead of using an external one.</summary>
    public bool Embedded { get; set; } = true;
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1883;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public bool UseTls { get; set; }

    /// <summary>
    /// Embedded broker only: a Mosquitto password file (deploy/mosquitto/make-users.sh). When set, the embedded
    /// broker refuses anonymous clients and applies the shipped ACL's rules; when empty it is an open broker and
    /// may listen on loopback only (the demo).
    /// </summary>
    public string? UsersFile { get; set; }

    /// <summary>How long the broker keeps the server's session (and its queued messages) while the server is away.</summary>
    public int SessionExpiryHours { get; set; } = 7 * 24;

    /// <summary>Readings written to the store in one batch at most.</summary>
    public int MaxBatchReadings { get; set; } = 5000;
}
