using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Publishing;

/// <summary>Hands a device's sample to the delivery path. Completes once the broker has acknowledged it (QoS 1).</summary>
public interface IReadingPublisher
{
    Task PublishReadingsAsync(DeviceAddress device, ReadingMessage message, CancellationToken ct);
    Task PublishStatusAsync(DeviceAddress device, DeviceStatus status, CancellationToken ct);
}

/// <summary>Health of one device, published retained on its status topic.</summary>
public sealed record DeviceStatus(string State, DateTimeOffset Since, string? Error, long FailedReads);
