namespace Lustrac.Energy.FirmwareHost.Modbus;

public enum WireFaultKind
{
    None,
    /// <summary>The device stays silent: the master times out.</summary>
    NoReply,
    /// <summary>The reply's CRC is wrong (RTU). Over TCP, where there is no CRC, it shows as exception 0B, as from a TCP/RTU gateway.</summary>
    CorruptCrc,
    /// <summary>The device answers with an exception code instead of data.</summary>
    Exception,
}

/// <summary>What the wire should do to one request instead of answering normally.</summary>
public readonly record struct WireFault(WireFaultKind Kind, ModbusExceptionCode Code = ModbusExceptionCode.None)
{
    public static readonly WireFault None = new(WireFaultKind.None);
}

/// <summary>Decides, per request, whether a unit on a bus misbehaves. The seam through which fault injection reaches the transports.</summary>
public interface IWireFaults
{
    WireFault For(byte unitId);
}
