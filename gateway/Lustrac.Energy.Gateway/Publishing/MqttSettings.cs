namespace Lustrac.Energy.Gateway.Publishing;

/// <summary>How the gateway reaches the broker. Bound from the "Mqtt" configuration section.</summary>
public sealed class MqttSettings
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 1883;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public bool UseTls { get; set; }

    /// <summary>With UseTls: the cooperative's CA certificate (PEM) that signed the broker's certificate; empty = system trust.</summary>
    public string? CaFile { get; set; }

    /// <summary>Ping period; a connection silent for 1.5 × this is considered dead.</summary>
    public int KeepAliveSeconds { get; set; } = 15;
}
