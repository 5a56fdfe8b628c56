using Lustrac.Energy.FirmwareHost.Modbus;

namespace Lustrac.Energy.FirmwareHost.Faults;

public enum FaultKind
{
    /// <summary>No reply while active (the master times out).</summary>
    Timeout,
    /// <summary>Replies with a wrong CRC (RTU); exception 0B over TCP.</summary>
    CrcError,
    /// <summary>Replies with an exception code (default 04 server device failure).</summary>
    Exception,
    /// <summary>Values frozen at their value when the fault starts.</summary>
    Stuck,
    /// <summary>Energy counters restart from 0 at the fault's instant.</summary>
    CounterReset,
    /// <summary>A new meter: counters restart from <see cref="FaultSpec.NewBaseKwh"/> at the fault's instant.</summary>
    MeterReplacement,
    /// <summary>The device is gone: a probe's files disappear; a Modbus device stops answering.</summary>
    Unplugged,
    /// <summary>A DS18B20 that lost power shows its power-on reading, 85 °C, with a valid CRC.</summary>
    PowerOnReset,
    /// <summary>An inverter that trips (isolation, grid or overheating fault): it still answers, with St = 7 FAULT and no production.</summary>
    InverterFault,
    /// <summary>A Linky's TIC line picks up stray bytes: that share of frames get a few random 7-bit bytes inserted.</summary>
    LineNoise,
}

/// <summary>
/// One injected fault on one device, active over simulated time [<see cref="From"/>, <see cref="To"/>) (open ends
/// allowed). <see cref="Probability"/> applies to wire faults: the share of requests affected, drawn from the seed.
/// </summary>
public sealed record FaultSpec(
    string Device,
    FaultKind Kind,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    double Probability = 1,
    ModbusExceptionCode Code = ModbusExceptionCode.ServerDeviceFailure,
    double NewBaseKwh = 0)
{
    public bool IsActiveAt(DateTimeOffset t) => (From is null || t >= From) && (To is null || t < To);

    public bool IsWireFault => Kind is FaultKind.Timeout or FaultKind.CrcError or FaultKind.Exception or FaultKind.Unplugged;
}
