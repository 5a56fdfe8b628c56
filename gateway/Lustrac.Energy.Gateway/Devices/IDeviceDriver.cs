using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Devices;

/// <summary>
/// One field device, read on the gateway's schedule. A driver returns the readings it could take, each
/// with its quality; it throws only when the device could not be reached at all, so the poller can report
/// the device as down and carry on with the others.
/// </summary>
public interface IDeviceDriver
{
    string DeviceId { get; }
    ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct);
}

/// <summary>
/// A driver that knows more about its device than "it answered": an inverter reporting a fault, a meter with one
/// unreadable register block. The poller puts the condition in the device's status (still <c>up</c>: it answers).
/// </summary>
public interface IReportsCondition
{
    /// <summary>What is wrong as of the last read, in words for the person on site; null when all is well.</summary>
    string? Condition { get; }
}
