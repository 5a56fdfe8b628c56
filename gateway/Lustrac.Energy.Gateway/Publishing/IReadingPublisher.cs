using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Publishing;

/// <summary>
/// Hands a device's sample or status to the delivery path. Completes once the message is in the disk outbox;
/// the outbox publisher delivers it (QoS 1) and forgets it only after the broker's acknowledgement.
/// </summary>
public interface IReadingPublisher
{
    void PublishReadings(DeviceAddress device, DateTimeOffset time, IReadOnlyList<Reading> readings);
    void PublishStatus(DeviceAddress device, DeviceStatus status);
}
