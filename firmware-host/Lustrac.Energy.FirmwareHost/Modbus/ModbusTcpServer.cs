using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Lustrac.Energy.FirmwareHost.Modbus;

/// <summary>
/// A Modbus TCP server for one bus: several unit ids behind one listener, as an RS-485 line behind a Modbus TCP
/// gateway. Frames are MBAP (transaction id, protocol 0, length, unit id) + PDU, no CRC. A request for a unit id
/// that is not on the bus gets exception 0B (gateway target device failed to respond). A frame that cannot be
/// parsed (protocol id not 0, impossible length, truncated read request) closes that connection only.
/// </summary>
public sealed class ModbusTcpServer : IAsyncDisposable
{
    private const int MbapLength = 7;
    private readonly TcpListener _listener;
    private readonly IReadOnlyDictionary<byte, IModbusUnit> _units;
    private readonly IWireFaults? _faults;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<TcpClient, Task> _connections = new();
    private Task? _acceptLoop;

    public ModbusTcpServer(IPEndPoint endpoint, IReadOnlyDictionary<byte, IModbusUnit> units, IWireFaults? faults = null)
    {
        _listener = new TcpListener(endpoint);
        _units = units;
        _faults = faults;
    }

    /// <summary>The address actually bound (port 0 in the constructor becomes a free port here after <see cref="Start"/>).</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    public IReadOnlyCollection<byte> UnitIds => _units.Keys.ToArray();

    public int OpenConnections => _connections.Count;

    public void Start()
    {
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start(backlog: 128);
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(ct); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) { continue; } // a client that vanished during the handshake
            client.NoDelay = true;
            _connections[client] = ServeAsync(client, ct);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        await Task.Yield();
        var request = new byte[MbapLength + ModbusPdu.MaxLength];
        var response = new byte[MbapLength + ModbusPdu.MaxLength];
        try
        {
            var stream = client.GetStream();
            while (!ct.IsCancellationRequested)
            {
                await stream.ReadExactlyAsync(request.AsMemory(0, MbapLength), ct);
                var protocol = BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(2));
                var length = BinaryPrimitives.ReadUInt16BigEndian(request.AsSpan(4));
                // length counts the unit id and the PDU: at least a function code, at most a full PDU.
                if (protocol != 0 || length < 2 || length > ModbusPdu.MaxLength + 1) return;
                await stream.ReadExactlyAsync(request.AsMemory(MbapLength, length - 1), ct);

                var pduLength = Answer(request[6], request.AsSpan(MbapLength, length - 1), response.AsSpan(MbapLength));
                if (pduLength < 0) return;
                if (pduLength == 0) continue; // an injected timeout: the client hears nothing
                request.AsSpan(0, 4).CopyTo(response); // transaction id and protocol id echoed
                BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(4), (ushort)(pduLength + 1));
                response[6] = request[6];
                await stream.WriteAsync(response.AsMemory(0, MbapLength + pduLength), ct);
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or SocketException
                                       or OperationCanceledException or ObjectDisposedException)
        {
            // The client left or the server is stopping: nothing to report.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            client.Dispose();
        }
    }

    private int Answer(byte unitId, ReadOnlySpan<byte> pdu, Span<byte> response)
    {
        if (!_units.TryGetValue(unitId, out var unit))
            return ModbusPdu.Exception(pdu[0], ModbusExceptionCode.GatewayTargetFailedToRespond, response);
        var fault = _faults?.For(unitId) ?? WireFault.None;
        return fault.Kind switch
        {
            WireFaultKind.NoReply => 0,
            WireFaultKind.CorruptCrc => ModbusPdu.Exception(pdu[0], ModbusExceptionCode.GatewayTargetFailedToRespond, response),
            WireFaultKind.Exception => ModbusPdu.Exception(pdu[0], fault.Code, response),
            _ => ModbusPdu.Process(unit, pdu, response),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var client in _connections.Keys) client.Dispose();
        if (_acceptLoop is not null) await _acceptLoop;
        await Task.WhenAll(_connections.Values);
        _stopping.Dispose();
    }
}
