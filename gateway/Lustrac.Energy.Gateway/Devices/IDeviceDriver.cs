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
