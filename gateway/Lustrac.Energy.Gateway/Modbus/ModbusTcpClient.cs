using System.Buffers.Binary;
using System.Net.Sockets;

namespace Lustrac.Energy.Gateway.Modbus;

/// <summary>
/// Modbus TCP client (MBAP framing: transaction id, protocol 0, length, unit id; no CRC).
/// One request in flight per connection, as most Modbus TCP gateways in front of an RS-485 bus require.
/// The connection is opened on first use and re-opened after any failure.
/// </summary>
public sealed class ModbusTcpClient(string host, int port, TimeSpan timeout) : IModbusClient, IAsyncDisposable
{
    private const int MbapLength = 7;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly byte[] _request = new byte[12];
    private readonly byte[] _response = new byte[MbapLength + 2 + 250];
    private TcpClient? _tcp;
    private ushort _transaction;

    public string Endpoint => $"modbus-tcp://{host}:{port}";

    public async ValueTask<ushort[]> ReadRegistersAsync(byte unit, ModbusFunction function, ushort start, ushort count, CancellationToken ct)
    {
        if (count is < 1 or > 125) throw new ArgumentOutOfRangeException(nameof(count), "Modbus reads 1 to 125 registers at a time");
        await _oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try
            {
                return await ExchangeAsync(unit, function, start, count, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                Drop();
                throw new TimeoutException($"timeout: no answer from unit {unit} at {host}:{port} within {timeout.TotalMilliseconds} ms");
            }
            catch (Exception ex) when (ex is IOException or SocketException or ModbusProtocolException)
            {
                Drop(); // the stream may hold half a frame: never reuse it
                throw;
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async ValueTask<ushort[]> ExchangeAsync(byte unit, ModbusFunction function, ushort start, ushort count, CancellationToken ct)
    {
        if (_tcp is null)
        {
            var tcp = new TcpClient { NoDelay = true };
            try { await tcp.ConnectAsync(host, port, ct).ConfigureAwait(false); }
            catch { tcp.Dispose(); throw; }
            _tcp = tcp;
        }
        var stream = _tcp.GetStream();
        var transaction = ++_transaction;
        ModbusTcpFrame.WriteReadRequest(_request, transaction, unit, (byte)function, start, count);
        await stream.WriteAsync(_request, ct).ConfigureAwait(false);

        await stream.ReadExactlyAsync(_response.AsMemory(0, MbapLength), ct).ConfigureAwait(false);
        var length = ModbusTcpFrame.ReadMbap(_response, transaction, unit);
        await stream.ReadExactlyAsync(_response.AsMemory(MbapLength, length - 1), ct).ConfigureAwait(false);
        return ModbusTcpFrame.ParseReadResponse(_response.AsSpan(MbapLength, length - 1), unit, (byte)function, count);
    }

    private void Drop()
    {
        _tcp?.Dispose();
        _tcp = null;
    }

    public ValueTask DisposeAsync()
    {
        Drop();
        _oneAtATime.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Byte-level framing of Modbus TCP, separate from the socket so it is tested against raw bytes.</summary>
public static class ModbusTcpFrame
{
    public static void WriteReadRequest(Span<byte> frame, ushort transaction, byte unit, byte function, ushort start, ushort count)
    {
        BinaryPrimitives.WriteUInt16BigEndian(frame, transaction);
        BinaryPrimitives.WriteUInt16BigEndian(frame[2..], 0); // protocol id: always 0 for Modbus
        BinaryPrimitives.WriteUInt16BigEndian(frame[4..], 6); // unit id + 5 PDU bytes follow
        frame[6] = unit;
        frame[7] = function;
        BinaryPrimitives.WriteUInt16BigEndian(frame[8..], start);
        BinaryPrimitives.WriteUInt16BigEndian(frame[10..], count);
    }

    /// <summary>Checks the 7-byte MBAP header and returns its length field (unit id + PDU bytes).</summary>
    public static int ReadMbap(ReadOnlySpan<byte> header, ushort expectedTransaction, byte expectedUnit)
    {
        var transaction = BinaryPrimitives.ReadUInt16BigEndian(header);
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        if (transaction != expectedTransaction)
            throw new ModbusProtocolException($"reply to transaction {transaction}, expected {expectedTransaction}");
        if (protocol != 0) throw new ModbusProtocolException($"protocol id {protocol} is not Modbus (0)");
        if (length is < 3 or > 254) throw new ModbusProtocolException($"MBAP length {length} is out of range");
        if (header[6] != expectedUnit) throw new ModbusProtocolException($"reply from unit {header[6]}, expected {expectedUnit}");
        return length;
    }

    /// <summary>Parses a read-registers PDU (function, byte count, words) into register words.</summary>
    public static ushort[] ParseReadResponse(ReadOnlySpan<byte> pdu, byte unit, byte function, ushort count)
    {
        if (pdu[0] == (function | 0x80))
            throw new ModbusException(unit, function, pdu.Length > 1 ? pdu[1] : (byte)0);
        if (pdu[0] != function) throw new ModbusProtocolException($"reply has function 0x{pdu[0]:X2}, expected 0x{function:X2}");
        var byteCount = pdu[1];
        if (byteCount != count * 2 || pdu.Length != 2 + byteCount)
            throw new ModbusProtocolException($"reply carries {byteCount} bytes, expected {count * 2}");
        var words = new ushort[count];
        for (var i = 0; i < count; i++) words[i] = BinaryPrimitives.ReadUInt16BigEndian(pdu[(2 + 2 * i)..]);
        return words;
    }
}
