using System.Net.Sockets;
using Lustrac.Energy.FirmwareHost.Tests.Support;

namespace Lustrac.Energy.FirmwareHost.Tests.Modbus;

public sealed class ModbusTcpServerTests
{
    [Fact]
    public async Task Unknown_unit_id_on_the_bus_gets_gateway_target_failed_to_respond()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOf("modbus-tcp://127.0.0.1:15021"));

        var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(0xBEEF, 99, 0x04, 0x0048, 2));

        Assert.Equal(new byte[] { 0xBE, 0xEF, 0x00, 0x00, 0x00, 0x03, 99, 0x84, 0x0B }, reply);
    }

    [Fact]
    public async Task Functions_other_than_reads_get_illegal_function()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("h01-meter"));

        // Write single register 0x0000 := 1.
        var reply = await client.ExchangeAsync([0x00, 0x05, 0x00, 0x00, 0x00, 0x06, 0x01, 0x06, 0x00, 0x00, 0x00, 0x01]);

        Assert.Equal(new byte[] { 0x00, 0x05, 0x00, 0x00, 0x00, 0x03, 0x01, 0x86, 0x01 }, reply);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(126)]
    public async Task Quantity_outside_1_to_125_gets_illegal_data_value(ushort count)
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("pv-atelier-inverter"));

        var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(1, 1, 0x03, 40000, count));

        Assert.Equal(new byte[] { 0x83, 0x03 }, reply[7..]);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x01, 0x00, 0x06, 0x01, 0x04, 0x00, 0x00, 0x00, 0x02 })] // protocol id 1
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01 })]                               // length 0
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01 })]                               // length 256
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x01, 0x04, 0x00, 0x00 })]             // read request cut short
    public async Task Malformed_frame_closes_that_connection_and_the_bus_keeps_serving(byte[] garbage)
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        var endpoint = site.EndpointOfDevice("h01-meter");
        using (var bad = await RawModbusClient.ConnectAsync(endpoint))
        {
            await bad.SendAsync(garbage);
            Assert.True(await bad.IsClosedByServerAsync());
        }

        using var good = await RawModbusClient.ConnectAsync(endpoint);
        var reply = await good.ExchangeAsync(RawModbusClient.ReadRequest(2, 1, 0x04, 0x0048, 2));
        Assert.Equal(0x04, reply[7]);
    }

    [Fact]
    public async Task Pipelined_requests_are_answered_in_order_with_their_transaction_ids()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("h01-meter"));

        await client.SendAsync([.. RawModbusClient.ReadRequest(0x0101, 1, 0x04, 0x0000, 2), .. RawModbusClient.ReadRequest(0x0202, 2, 0x04, 0x0046, 2)]);
        var first = await client.ReceiveFrameAsync();
        var second = await client.ReceiveFrameAsync();

        Assert.Equal(new byte[] { 0x01, 0x01 }, first[..2]);
        Assert.Equal(1, first[6]);
        Assert.Equal(new byte[] { 0x02, 0x02 }, second[..2]);
        Assert.Equal(2, second[6]);
    }

    [Fact]
    public async Task Many_clients_at_once_are_all_served()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        var endpoint = site.EndpointOf("modbus-tcp://127.0.0.1:15022");

        var clients = Enumerable.Range(0, 40).Select(async c =>
        {
            using var client = await RawModbusClient.ConnectAsync(endpoint);
            for (var i = 0; i < 25; i++)
            {
                var unit = (byte)(1 + (c + i) % 10);
                var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest((ushort)(c * 100 + i), unit, 0x04, 0x0048, 2));
                Assert.Equal(new byte[] { (byte)((c * 100 + i) >> 8), (byte)(c * 100 + i) }, reply[..2]);
                Assert.Equal(unit, reply[6]);
                Assert.Equal(0x04, reply[7]);
            }
        });
        await Task.WhenAll(clients);
    }

    [Fact]
    public async Task Stopping_the_site_closes_listeners_and_open_connections()
    {
        var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        var endpoint = site.EndpointOfDevice("h01-meter");
        using var client = await RawModbusClient.ConnectAsync(endpoint);

        await site.DisposeAsync();

        Assert.True(await client.IsClosedByServerAsync());
        using var late = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => late.ConnectAsync(endpoint));
    }
}
