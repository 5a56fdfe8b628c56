using Lustrac.Energy.Gateway.Outbox;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Publishing;

/// <summary>Encodes messages per contract v1 and appends them to the outbox, which numbers them per device.</summary>
public sealed class OutboxReadingPublisher(DiskOutbox outbox) : IReadingPublisher
{
    public void PublishReadings(DeviceAddress device, DateTimeOffset time, IReadOnlyList<Reading> readings) =>
        outbox.Append(device.Device, Topics.Readings(device), seq => ReadingCodec.Encode(new ReadingMessage(seq, time, readings)));

    public void PublishStatus(DeviceAddress device, DeviceStatus status) =>
        outbox.Append(device.Device + "#status", Topics.Status(device), seq => StatusCodec.Encode(status, seq));
}
