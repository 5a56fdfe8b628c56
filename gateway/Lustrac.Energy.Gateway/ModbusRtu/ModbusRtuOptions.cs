namespace Lustrac.Energy.Gateway.ModbusRtu;

/// <summary>How patient the RTU client is with a device.</summary>
public sealed record ModbusRtuOptions
{
    /// <summary>From the end of the request to the end of the reply. Eastron meters answer within ~100 ms.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Further attempts after a timeout, a bad CRC or a garbled reply (not after an exception reply: the device did answer).</summary>
    public int Retries { get; init; } = 2;
}
