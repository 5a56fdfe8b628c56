using System.Buffers.Binary;
using Lustrac.Energy.FirmwareHost.Serial;
using Lustrac.Energy.Gateway.Tests.Support;

namespace Lustrac.Energy.Gateway.Tests.ModbusRtu;

/// <summary>
/// Plays one or more RTU devices on the device end of a pty pair: reads each 8-byte request and answers with
/// whatever the script returns for it (raw bytes, CRC included), or stays silent when it returns null.
/// Frames are built in the tests by hand from the Modbus spec; the CRC comes from <see cref="ReferenceCrc16"/>.
/// </summary>
public sealed class ScriptedRtuDevice : IDisposable
{
    private readonly PtyPair _pty;
    private readonly FileStream _port;
    private readonly Thread _thread;
    private readonly Func<int, byte[], byte[]?> _answer;
    private readonly List<byte[]> _requests = [];

    /// <param name="answer">(request number from 0, request bytes) → reply bytes, or null to stay silent.</param>
    public ScriptedRtuDevice(PtyPair pty, Func<int, byte[], byte[]?> answer)
    {
        _pty = pty;
        _port = pty.OpenEmulatorSide();
        _answer = answer;
        _thread = new Thread(Serve) { IsBackground = true, Name = "scripted RTU device" };
        _thread.Start();
    }

    public IReadOnlyList<byte[]> Requests { get { lock (_requests) return _requests.ToArray(); } }

    private void Serve()
    {
        try
        {
            for (var n = 0; ; n++)
            {
                var request = new byte[8];
                _port.ReadExactly(request);
                lock (_requests) _requests.Add(request);
                if (_answer(n, request) is { } reply) _port.Write(reply);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // the pty pair was closed: the test is over
        }
    }

    /// <summary>A read reply: unit, function, byte count, words (big-endian), CRC low byte first.</summary>
    public static byte[] ReadReply(byte unit, byte function, params ushort[] words)
    {
        var frame = new byte[3 + 2 * words.Length + 2];
        frame[0] = unit;
        frame[1] = function;
        frame[2] = (byte)(2 * words.Length);
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(3 + 2 * i), words[i]);
        return WithCrc(frame);
    }

    public static byte[] WithCrc(byte[] frame)
    {
        var crc = ReferenceCrc16.Compute(frame.AsSpan(0, frame.Length - 2));
        frame[^2] = (byte)crc;
        frame[^1] = (byte)(crc >> 8);
        return frame;
    }

    public void Dispose()
    {
        _pty.Dispose(); // stops socat: the blocked read fails and the thread ends
        _thread.Join(TimeSpan.FromSeconds(5));
        _port.Dispose();
    }
}

/// <summary>CRC-16/Modbus computed bit by bit, straight from the spec, independent of the gateway's table.</summary>
public static class ReferenceCrc16
{
    public static ushort Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFF;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1;
        }
        return (ushort)crc;
    }
}
