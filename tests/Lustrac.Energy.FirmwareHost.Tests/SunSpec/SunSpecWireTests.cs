using System.Net;
using System.Text;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.Modbus;
using Lustrac.Energy.FirmwareHost.SunSpec;
using Lustrac.Energy.FirmwareHost.Tests.Support;

namespace Lustrac.Energy.FirmwareHost.Tests.SunSpec;

public sealed class SunSpecWireTests
{
    /// <summary>A reader written from the SunSpec rules alone: marker, then (ID, L, L registers)… until ID 0xFFFF.</summary>
    internal static async Task<List<(ushort Id, ushort Length, ushort Address, ushort[] Body)>> WalkChainAsync(RawModbusClient client, byte unit, ushort baseAddress)
    {
        var marker = RawModbusClient.Registers(await client.ExchangeAsync(RawModbusClient.ReadRequest(1, unit, 0x03, baseAddress, 2)));
        Assert.Equal(new ushort[] { 0x5375, 0x6E53 }, marker);
        var models = new List<(ushort, ushort, ushort, ushort[])>();
        var address = (ushort)(baseAddress + 2);
        for (var guard = 0; guard < 20; guard++)
        {
            var header = RawModbusClient.Registers(await client.ExchangeAsync(RawModbusClient.ReadRequest(2, unit, 0x03, address, 2)));
            if (header[0] == 0xFFFF)
            {
                Assert.Equal(0, header[1]);
                return models;
            }
            var body = RawModbusClient.Registers(await client.ExchangeAsync(RawModbusClient.ReadRequest(3, unit, 0x03, (ushort)(address + 2), header[1])));
            models.Add((header[0], header[1], address, body));
            address = (ushort)(address + 2 + header[1]);
        }
        throw new InvalidOperationException("no end model within 20 models");
    }

    internal static string Text(ReadOnlySpan<ushort> registers)
    {
        var bytes = new List<byte>();
        foreach (var r in registers) { bytes.Add((byte)(r >> 8)); bytes.Add((byte)r); }
        return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\0');
    }

    private static double Scaled(ushort raw, ushort sf) => (short)raw * Math.Pow(10, (short)sf);

    [Fact]
    public async Task Chain_at_40000_is_common_model_then_inverter_103_then_end()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("pv-hangar-inverter"));

        var chain = await WalkChainAsync(client, 1, 40000);

        Assert.Equal(new (ushort, ushort)[] { (1, 66), (103, 50) }, chain.Select(m => (m.Id, m.Length)));
        Assert.Equal((ushort)40002, chain[0].Address);
        Assert.Equal((ushort)40070, chain[1].Address);
        var common = chain[0].Body; // body index = offset from ID − 2
        Assert.Equal("Lustrac Emulated", Text(common.AsSpan(0, 16)));
        Assert.StartsWith("LU", Text(common.AsSpan(48, 16)));
        Assert.Equal(1, common[64]); // DA = unit id
    }

    [Fact]
    public async Task Inverter_103_points_decode_to_the_model_true_values()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("pv-hangar-inverter"));

        var chain = await WalkChainAsync(client, 1, 40000);
        var r = new ushort[52];
        chain.Single(m => m.Id == 103).Body.CopyTo(r, 2); // index r by offset from the ID register
        var truth = site.InverterValues("pv-hangar-inverter");

        var wattsResolution = Math.Pow(10, (short)r[15]);
        Assert.InRange(truth.AcPowerW, 1000, 60_000);
        Assert.Equal(truth.AcPowerW, Scaled(r[14], r[15]), wattsResolution / 2 + 1e-9);
        Assert.Equal(truth.FrequencyHz, Scaled(r[16], r[17]), 0.005 + 1e-9);
        Assert.Equal(Math.Round(truth.LifetimeWh), (double)((uint)r[24] << 16 | r[25]) * Math.Pow(10, (short)r[26]));
        Assert.Equal(truth.AcCurrentA, r[2] * Math.Pow(10, (short)r[6]), 0.05 + 1e-9);
        Assert.Equal(truth.PhaseVoltageA, r[10] * Math.Pow(10, (short)r[13]), 0.05 + 1e-9);
        Assert.Equal(truth.DcPowerW, Scaled(r[31], r[32]), wattsResolution / 2 + 1e-9);
        Assert.Contains(r[38], new ushort[] { 4, 5 }); // producing: MPPT or throttled
        Assert.Equal(0x8000, r[20]);                   // VAr not implemented (int16)
        Assert.Equal(0xFFFF, r[39]);                   // StVnd not implemented (enum16)
    }

    [Fact]
    public async Task At_night_the_inverter_sleeps_with_zero_power_and_a_non_zero_lifetime_counter()
    {
        await using var site = await FrozenSite.StartAsync(new DateTimeOffset(2026, 12, 21, 23, 0, 0, TimeSpan.Zero));
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("pv-atelier-inverter"));

        var r = RawModbusClient.Registers(await client.ExchangeAsync(RawModbusClient.ReadRequest(1, 1, 0x03, 40070, 52)));

        Assert.Equal(103, r[0]);
        Assert.Equal(0, (short)r[14]);
        Assert.Equal((ushort)InverterState.Sleeping, r[38]);
        Assert.True(((uint)r[24] << 16 | r[25]) > 36_000, "lifetime Wh starts from at least a year of yield");
    }

    [Theory]
    [InlineData(0x04, 40000, 2, 0x01)] // SunSpec lives in holding registers
    [InlineData(0x03, 39999, 2, 0x02)] // before the marker
    [InlineData(0x03, 40120, 10, 0x02)] // runs past the end model (map is 40000..40123)
    public async Task Reads_outside_the_map_get_exception_replies(byte function, ushort address, ushort count, byte code)
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("pv-atelier-inverter"));

        var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(1, 1, function, address, count));

        Assert.Equal(new byte[] { (byte)(function | 0x80), code }, reply[7..]);
    }

    [Theory]
    [InlineData((ushort)0, (ushort)65)]
    [InlineData((ushort)50000, (ushort)66)]
    public async Task Map_can_sit_at_other_bases_with_either_common_model_length(ushort baseAddress, ushort commonLength)
    {
        var site = FrozenSite.Model;
        var physics = new FirmwareHost.Physics.SitePhysics(site, 1);
        var clock = new SimulationClock(TimeProvider.System, FrozenSite.SummerNoon, 0);
        var inverter = new PvInverterModel("x", physics.PvArrays["pv-atelier"], clock.Start, 1);
        var unit = new SunSpecDeviceEmulator([new CommonModel("M", "D", "1", "S", 1, commonLength), new InverterModel103(inverter)], clock, baseAddress);
        await using var server = new ModbusTcpServer(new IPEndPoint(IPAddress.Loopback, 0), new Dictionary<byte, IModbusUnit> { [1] = unit });
        server.Start();
        using var client = await RawModbusClient.ConnectAsync(server.LocalEndpoint);

        var chain = await WalkChainAsync(client, 1, baseAddress);

        int[] commonThenInverter = [1, 103];
        Assert.Equal(commonThenInverter, chain.Select(m => (int)m.Id));
        Assert.Equal(commonLength, chain[0].Length);
        Assert.Equal(baseAddress + 2 + 2 + commonLength, chain[1].Address);
    }

    [Fact]
    public void Power_scale_factor_keeps_the_rating_inside_int16()
    {
        var physics = new FirmwareHost.Physics.SitePhysics(FrozenSite.Model, 1);
        var hangar = new InverterModel103(new PvInverterModel("h", physics.PvArrays["pv-hangar"], FrozenSite.SummerNoon, 1));

        Assert.Equal(1, hangar.PowerSf); // 60 kWp / 1.1 = 54.5 kW does not fit in 32767 W
    }
}
