namespace Lustrac.Energy.Gateway.Serial;

/// <summary>
/// The narrow seam to a serial port (RS-485 adapter, UART): bytes out, bytes in, drop what is pending.
/// The real port is <see cref="SerialPortLine"/>; tests run the same class over a socat pty pair.
/// </summary>
public interface ISerialLine : IDisposable
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct);

    /// <summary>Waits for at least one byte and returns how many were read (never 0 unless cancelled by <paramref name="ct"/>).</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct);

    /// <summary>Drops bytes received but not yet read (a late reply to an earlier request, line noise).</summary>
    void DiscardInput();
}
