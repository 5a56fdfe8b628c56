using System.Buffers.Binary;
using System.Net;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Modbus;
using Lustrac.Energy.FirmwareHost.Sdm630;
using Lustrac.Energy.FirmwareHost.Tests.Support;

namespace Lustrac.Energy.FirmwareHost.Tests.Sdm630;

public sealed class Sdm630WireTests
{
    private sealed class FixedMeter(MeterValues values) : IElectricityMeter
    {
        public MeterValues ValuesAt(DateTimeOffset t) => values;
    }

    private static readonly MeterValues Datasheet = new(
        DateTimeOffset.UnixEpoch,
        new PhaseValues(230.0, 4.0, 874.0, 0.95),
        new PhaseValues(231.5, 0.5, 100.0, 0.95),
        new PhaseValues(229.0, 0.0, 0.0, 1.0),
        50.0, ImportKwh: 1234.5, ExportKwh: 0.25, ImportKvarh: 310.5, ExportKvarh: 0.75);

    private static async Task<ModbusTcpServer> ServeFixedMeterAsync(EastronRegisterMap map)
    {
        var clock = new SimulationClock(TimeProvider.System, DateTimeOffset.UnixEpoch, 0);
        var server = new ModbusTcpServer(new IPEndPoint(IPAddress.Loopback, 0),
            new Dictionary<byte, IModbusUnit> { [1] = new EastronMeterEmulator(map, new FixedMeter(Datasheet), clock) });
        server.Start();
        return await Task.FromResult(server);
    }

    [Fact]
    public async Task Import_kwh_at_0x0048_is_a_big_endian_float32_high_word_first()
    {
        await using var server = await ServeFixedMeterAsync(EastronRegisterMap.Sdm630);
        using var client = await RawModbusClient.ConnectAsync(server.LocalEndpoint);

        // Transaction 0x1234, unit 1, function 04, address 0x0048, 2 registers.
        var reply = await client.ExchangeAsync([0x12, 0x34, 0x00, 0x00, 0x00, 0x06, 0x01, 0x04, 0x00, 0x48, 0x00, 0x02]);

        // 1234.5 = 0x449A5000: registers 0x449A, 0x5000.
        Assert.Equal(new byte[] { 0x12, 0x34, 0x00, 0x00, 0x00, 0x07, 0x01, 0x04, 0x04, 0x44, 0x9A, 0x50, 0x00 }, reply);
    }

    [Fact]
    public async Task Voltages_currents_and_powers_read_as_one_block_in_datasheet_order()
    {
        await using var server = await ServeFixedMeterAsync(EastronRegisterMap.Sdm630);
        using var client = await RawModbusClient.ConnectAsync(server.LocalEndpoint);

        var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(7, 1, 0x04, 0x0000, 18));

        float At(int parameter) => BinaryPrimitives.ReadSingleBigEndian(reply.AsSpan(9 + 4 * parameter));
        Assert.Equal(36, reply[8]);
        Assert.Equal([230.0f, 231.5f, 229.0f], new[] { At(0), At(1), At(2) });
        Assert.Equal([4.0f, 0.5f, 0.0f], new[] { At(3), At(4), At(5) });
        Assert.Equal([874.0f, 100.0f, 0.0f], new[] { At(6), At(7), At(8) });
    }

    [Theory]
    [InlineData(0x0034, 974.0f)]   // total system power
    [InlineData(0x0046, 50.0f)]    // frequency
    [InlineData(0x004A, 0.25f)]    // export kWh
    [InlineData(0x0156, 1234.75f)] // total kWh = import + export
    [InlineData(0x004C, 310.5f)]   // total import kvarh
    [InlineData(0x004E, 0.75f)]    // total export kvarh
    [InlineData(0x003E, 0.94038137f)] // total PF = 974 W / (230 × 4 + 231.5 × 0.5 + 229 × 0) VA = 974 / 1035.75 = 0.94038137
    [InlineData(0x001E, 0.95f)]    // phase 1 power factor
    [InlineData(0x0022, 1.0f)]     // phase 3 power factor (no load)
    public async Task Single_parameters_sit_at_their_datasheet_addresses(ushort address, float expected)
    {
        await using var server = await ServeFixedMeterAsync(EastronRegisterMap.Sdm630);
        using var client = await RawModbusClient.ConnectAsync(server.LocalEndpoint);

        var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(1, 1, 0x04, address, 2));

        Assert.Equal(expected, BinaryPrimitives.ReadSingleBigEndian(reply.AsSpan(9)));
    }

    [Theory]
    [InlineData(0x0024, 2, 0x02)]  // a gap in the map (phase angle is not emulated)
    [InlineData(0x0001, 2, 0x02)]  // starts in the middle of a float
    [InlineData(0x0000, 3, 0x02)]  // ends in the middle of a float
    [InlineData(0x0200, 2, 0x02)]  // past the map
    [InlineData(0x0000, 62, 0x03)] // 31 parameters: more than the meter answers in one request
    public async Task Reads_the_meter_does_not_have_get_exception_replies(ushort address, ushort count, byte code)
    {
        await using var server = await ServeFixedMeterAsync(EastronRegisterMap.Sdm630);
        using var client = await RawModbusClient.ConnectAsync(server.LocalEndpoint);

        var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(9, 1, 0x04, address, count));

        Assert.Equal(new byte[] { 0x00, 0x09, 0x00, 0x00, 0x00, 0x03, 0x01, 0x84, code }, reply);
    }

    [Fact]
    public async Task Holding_registers_are_not_emulated_and_answer_illegal_address()
    {
        await using var server = await ServeFixedMeterAsync(EastronRegisterMap.Sdm630);
        using var client = await RawModbusClient.ConnectAsync(server.LocalEndpoint);

        var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(2, 1, 0x03, 0x0048, 2));

        Assert.Equal(new byte[] { 0x83, 0x02 }, reply[7..]);
    }

    [Fact]
    public async Task Sdm120_has_no_second_phase()
    {
        await using var server = await ServeFixedMeterAsync(EastronRegisterMap.Sdm120);
        using var client = await RawModbusClient.ConnectAsync(server.LocalEndpoint);

        var phase2 = await client.ExchangeAsync(RawModbusClient.ReadRequest(3, 1, 0x04, 0x0002, 2));
        var import = await client.ExchangeAsync(RawModbusClient.ReadRequest(4, 1, 0x04, 0x0048, 2));

        Assert.Equal(new byte[] { 0x84, 0x02 }, phase2[7..]);
        Assert.Equal(1234.5f, BinaryPrimitives.ReadSingleBigEndian(import.AsSpan(9)));
    }

    [Fact]
    public async Task Sample_site_meter_serves_the_model_true_import_counter()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("h04-meter"));

        var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(1, 4, 0x04, 0x0048, 4));

        var truth = site.MeterValues("h04-meter");
        Assert.Equal((float)truth.ImportKwh, BinaryPrimitives.ReadSingleBigEndian(reply.AsSpan(9)));
        Assert.Equal((float)truth.ExportKwh, BinaryPrimitives.ReadSingleBigEndian(reply.AsSpan(13)));
        Assert.InRange(truth.ImportKwh, 1000, 40_000);
    }
}
