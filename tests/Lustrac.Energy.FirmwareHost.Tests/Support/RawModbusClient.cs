using System.Net;
using System.Net.Sockets;

namespace Lustrac.Energy.FirmwareHost.Tests.Support;

/// <summary>Sends raw bytes to a Modbus TCP server and reads back raw bytes: the test sees exactly what is on the wire.</summary>
public sealed class RawModbusClient : IDisposable
{
    private readonly TcpClient _client = new();
    private NetworkStream _stream = null!;

    public static async Task<RawModbusClient> ConnectAsync(IPEndPoint endpoint)
    {
        var c = new RawModbusClient();
        await c._client.ConnectAsync(endpoint);
        c._stream = c._client.GetStream();
        c._stream.ReadTimeout = 5000;
        return c;
    }

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads one MBAP frame (7-byte header, then the length it announces).</summary>
    public async Task<byte[]> ReceiveFrameAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var header = new byte[7];
        await _stream.ReadExactlyAsync(header, timeout.Token);
        var length = header[4] << 8 | header[5];
        var frame = new byte[6 + length];
        header.CopyTo(frame, 0);
        await _stream.ReadExactlyAsync(frame.AsMemory(7), timeout.Token);
        return frame;
    }

    public async Task<byte[]> ExchangeAsync(byte[] request)
    {
        await SendAsync(request);
        return await ReceiveFrameAsync();
    }

    /// <summary>True when the server closed the connection (a read returns end of stream) within the timeout.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { return await _stream.ReadAsync(new byte[1], timeout.Token) == 0; }
        catch (IOException) { return true; }
    }

    /// <summary>An MBAP read request: function 03 or 04, start address, quantity.</summary>
    public static byte[] ReadRequest(ushort transaction, byte unit, byte function, ushort start, ushort count) =>
        [(byte)(transaction >> 8), (byte)transaction, 0, 0, 0, 6, unit, function, (byte)(start >> 8), (byte)start, (byte)(count >> 8), (byte)count];

    /// <summary>The registers of a normal read reply (after MBAP, function and byte count).</summary>
    public static ushort[] Registers(byte[] frame)
    {
        var count = frame[8] / 2;
        var words = new ushort[count];
        for (var i = 0; i < count; i++) words[i] = (ushort)(frame[9 + 2 * i] << 8 | frame[10 + 2 * i]);
        return words;
    }

    public void Dispose() => _client.Dispose();
}
