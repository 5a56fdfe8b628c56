using System.IO.Ports;

namespace Lustrac.Energy.Gateway.Serial;

/// <summary>
/// A serial port through System.IO.Ports. Opened on first use and re-opened after an I/O error, so an
/// adapter unplugged and plugged back in (USB RS-485) recovers without restarting the gateway.
/// </summary>
public sealed class SerialPortLine(SerialLineSettings settings) : ISerialLine
{
    private SerialPort? _port;

    public SerialLineSettings Settings => settings;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        try
        {
            var stream = Open().BaseStream;
            await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Close();
            throw new IOException($"serial port {settings.PortName}: {ex.Message}", ex);
        }
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
    {
        try
        {
            return await Open().BaseStream.ReadAsync(buffer, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Close();
            throw new IOException($"serial port {settings.PortName}: {ex.Message}", ex);
        }
    }

    public void DiscardInput()
    {
        if (_port is { IsOpen: true }) _port.DiscardInBuffer();
    }

    private SerialPort Open()
    {
        if (_port is { IsOpen: true }) return _port;
        Close();
        var port = new SerialPort(settings.PortName, settings.Baud, settings.Parity, settings.DataBits, settings.StopBits)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout, // timeouts come from the caller's cancellation token
        };
        try { port.Open(); }
        catch { port.Dispose(); throw; }
        _port = port;
        return port;
    }

    private void Close()
    {
        try { _port?.Dispose(); } catch (IOException) { /* the device is already gone */ }
        _port = null;
    }

    public void Dispose() => Close();
}
