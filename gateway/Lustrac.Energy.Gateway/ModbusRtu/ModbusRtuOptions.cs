namespace Lustrac.Energy.Gateway.ModbusRtu;

/// <summary>How patient the RTU client is with a device.</summary>
public sealed record ModbusRtuOptions
{
    /// <summary>From the end of the request to the end of the reply. Eastron meters answer within ~100 ms.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Further attempts after a timeout, a bad CRC or a garbled reply (not after an exception reply: the device did answer).</summary>
    public int Retries { get; init; } = 2;

    /// <summary>The line as error messages name it, e.g. <c>modbus-rtu:///dev/ttyUSB0 (9600 8N1)</c>.</summary>
    public string LineName { get; init; } = "the serial line";

    /// <summary>Requests failed in every attempt, with no valid frame ever received on the line, before the error suggests a baud-rate or parity mismatch.</summary>
    public int SilentRequestsBeforeLineHint { get; init; } = 3;
}
