using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Serial;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.TankLevel;

/// <summary>Settings of a JSN-SR04T mounted above the water, looking down.</summary>
/// <param name="MountHeightM">From the sensor face to the tank bottom: depth = mount height − distance.</param>
/// <param name="BlindMm">Echoes closer than this are unreliable (JSN-SR04T: 20–25 cm).</param>
/// <param name="MaxRangeMm">Farthest trusted distance (datasheets say 450–600 cm [?]).</param>
/// <param name="Triggered">The module waits for 0x55 (R27 = 120 kΩ) instead of sending every 100 ms.</param>
public sealed record UltrasonicOptions(double MountHeightM, int BlindMm = 200, int MaxRangeMm = 6000, bool Triggered = false, int FrameTimeoutMs = 1000);

/// <summary>
/// A JSN-SR04T in UART mode. Reads frames for up to a second and keeps the first one whose checksum holds;
/// a distance inside the blind zone or beyond range is published flagged <c>bad</c>. No valid frame at all
/// means the sensor is not answering: throws (device down).
/// </summary>
public sealed class UltrasonicTankSensor(string deviceId, ISerialLine line, UltrasonicOptions options, TankGeometry tank) : IDeviceDriver, IDisposable
{
    private TimeSpan FrameTimeout => TimeSpan.FromMilliseconds(options.FrameTimeoutMs);
    private readonly byte[] _buffer = new byte[64];

    public string DeviceId => deviceId;

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        var distanceMm = await ReadDistanceMmAsync(ct).ConfigureAwait(false);
        var quality = distanceMm < options.BlindMm || distanceMm > options.MaxRangeMm ? ReadingQuality.Bad : ReadingQuality.Good;
        return TankReadings.From(options.MountHeightM - distanceMm / 1000.0, tank, quality);
    }

    private async ValueTask<int> ReadDistanceMmAsync(CancellationToken ct)
    {
        line.DiscardInput(); // old frames describe an old level
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(FrameTimeout);
        var filled = 0;
        try
        {
            if (options.Triggered) await line.WriteAsync(new[] { JsnSr04tFrame.TriggerByte }, deadline.Token).ConfigureAwait(false);
            while (true)
            {
                if (filled == _buffer.Length)
                {
                    _buffer.AsSpan(filled - JsnSr04tFrame.Length + 1, JsnSr04tFrame.Length - 1).CopyTo(_buffer); // keep a possible partial frame
                    filled = JsnSr04tFrame.Length - 1;
                }
                filled += await line.ReadAsync(_buffer.AsMemory(filled), deadline.Token).ConfigureAwait(false);
                if (JsnSr04tFrame.FindDistanceMm(_buffer.AsSpan(0, filled)) is { } mm) return mm;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(filled == 0
                ? $"no data from the ultrasonic sensor within {FrameTimeout.TotalSeconds} s: check its TX wire, power and UART mode"
                : $"no valid frame from the ultrasonic sensor within {FrameTimeout.TotalSeconds} s ({filled} bytes with bad checksums: check the baud rate)");
        }
    }

    public void Dispose() => line.Dispose();
}
