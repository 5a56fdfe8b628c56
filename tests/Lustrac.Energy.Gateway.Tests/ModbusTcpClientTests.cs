using System.Net;
using System.Net.Sockets;
using Lustrac.Energy.Gateway.Modbus;

namespace Lustrac.Energy.Gateway.Tests;

/// <summary>The client against a scripted peer on loopback: bytes in, bytes out, nothing shared with the driver.</summary>
public class ModbusTcpClientTests
{
    [Fact]
    public async Task Sends_the_request_and_returns_the_words_the_peer_answered()
    {
        using var peer = new TcpListener(IPAddress.Loopback, 0);
        peer.Start();
        var port = ((IPEndPoint)peer.LocalEndpoint).Port;
        var served = Task.Run(async () =>
        {
            using var conn = await peer.AcceptTcpClientAsync();
            var stream = conn.GetStream();
            var request = new byte[12];
            await stream.ReadExactlyAsync(request);
            // Echo the transaction id; answer 2 registers 0x4366 0x0000 (= 230.0 as float32).
            var reply = Convert.FromHexString("0000000000070104044366" + "0000");
            reply[0] = request[0];
            reply[1] = request[1];
            await stream.WriteAsync(reply);
            return request;
        });
        await using var client = new ModbusTcpClient("127.0.0.1", port, TimeSpan.FromSeconds(5));

        var words = await client.ReadRegistersAsync(1, ModbusFunction.ReadInputRegisters, 0, 2, CancellationToken.None);

        var request = await served;
        Assert.Equal(Convert.FromHexString("00060104"+"00000002"), request[4..]);
        Assert.Equal(230.0f, RegisterWords.Float32HighFirst(words, 0));
    }

    [Fact]
    public async Task Times_out_on_a_silent_device_and_reconnects_for_the_next_request()
    {
        using var peer = new TcpListener(IPAddress.Loopback, 0);
        peer.Start();
        var port = ((IPEndPoint)peer.LocalEndpoint).Port;
        var connections = 0;
        var serve = Task.Run(async () =>
        {
            var silent = await peer.AcceptTcpClientAsync(); // first connection: never answers
            connections++;
            using var second = await peer.AcceptTcpClientAsync();
            connections++;
            var stream = second.GetStream();
            var request = new byte[12];
            await stream.ReadExactlyAsync(request);
            var reply = Convert.FromHexString("00000000000501040200" + "2A");
            reply[0] = request[0];
            reply[1] = request[1];
            await stream.WriteAsync(reply);
            silent.Dispose();
        });
        await using var client = new ModbusTcpClient("127.0.0.1", port, TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<TimeoutException>(() => client.ReadRegistersAsync(1, ModbusFunction.ReadInputRegisters, 0, 1, CancellationToken.None).AsTask());
        var words = await client.ReadRegistersAsync(1, ModbusFunction.ReadInputRegisters, 0, 1, CancellationToken.None);

        await serve;
        Assert.Equal(2, connections);
        Assert.Equal((ushort)0x2A, words[0]);
    }
}
