using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Gateway.SunSpec;

namespace Lustrac.Energy.Gateway.Tests;

public class SunSpecTests
{
    private const ModbusFunction Holding = ModbusFunction.ReadHoldingRegisters;

    /// <summary>
    /// A SunSpec map at <paramref name="baseAddress"/>: 'SunS', common model 1 of the given length, an inverter
    /// model 103 (L=50) with W = 4250 × 10^0 W, Hz = 5001 × 10^-2, lifetime WH = 12,345,678 × 10^1 Wh, then the end.
    /// </summary>
    internal static RegisterImage Inverter(ushort baseAddress, ushort commonLength = 66)
    {
        var image = new RegisterImage().Set(Holding, baseAddress, 0x5375, 0x6E53);
        var common = (ushort)(baseAddress + 2);
        image.Set(Holding, common, 1, commonLength).Set(Holding, (ushort)(common + 2), new ushort[commonLength]);
        var inverter = (ushort)(common + 2 + commonLength);
        var block = new ushort[52];
        block[0] = 103;
        block[1] = 50;
        for (var i = 2; i < 52; i++) block[i] = 0xFFFF;
        block[14] = 4250;
        block[15] = 0;
        block[16] = 5001;
        block[17] = unchecked((ushort)-2);
        block[24] = (ushort)(12_345_678 >> 16);
        block[25] = unchecked((ushort)12_345_678);
        block[26] = 1;
        image.Set(Holding, inverter, block);
        image.Set(Holding, (ushort)(inverter + 52), 0xFFFF, 0);
        return image;
    }

    [Fact]
    public async Task Walks_the_chain_by_declared_length_whatever_the_common_model_length()
    {
        foreach (ushort length in new ushort[] { 65, 66 })
        {
            var models = await SunSpecDiscovery.DiscoverAsync(Inverter(40000, length), 1, CancellationToken.None);

            Assert.Equal([(1, 40002), (103, 40004 + length)], models.Select(m => ((int)m.Id, (int)m.Address)));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50000)]
    public async Task Finds_the_marker_at_the_other_base_addresses(int baseAddress)
    {
        var models = await SunSpecDiscovery.DiscoverAsync(Inverter((ushort)baseAddress), 1, CancellationToken.None);

        Assert.Equal(103, models[^1].Id);
    }

    [Fact]
    public async Task Reads_production_with_scale_factors_applied()
    {
        var device = new SunSpecDevice("inv", Inverter(40000), 1);

        var readings = (await device.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        Assert.Equal(4250, readings["active_power"].Value);
        Assert.Equal(50.01, readings["frequency"].Value, 10);
        Assert.Equal(123_456.78, readings["energy_produced"].Value, 6); // 12,345,678 × 10 Wh = 123,456.78 kWh
    }

    [Fact]
    public void Leaves_out_points_the_device_does_not_implement()
    {
        var block = new ushort[52];
        block[14] = 0x8000; // W not implemented (int16 sentinel)
        block[15] = 0;
        block[16] = 5000;
        block[17] = unchecked((ushort)-2);
        block[24] = 0; block[25] = 0; // acc32 0: not implemented
        block[26] = 0;

        var readings = SunSpecDecoder.Decode(103, block);

        Assert.Equal(["frequency"], readings.Select(r => r.Quantity));
    }

    [Fact]
    public void Reads_the_float_inverter_models()
    {
        var block = new ushort[62];
        void Float(int offset, float v)
        {
            var bits = BitConverter.SingleToUInt32Bits(v);
            block[offset] = (ushort)(bits >> 16);
            block[offset + 1] = (ushort)bits;
        }
        Float(22, 3100.5f);
        Float(24, 49.98f);
        Float(32, float.NaN); // WH not implemented

        var readings = SunSpecDecoder.Decode(113, block).ToDictionary(r => r.Quantity);

        Assert.Equal(3100.5f, readings["active_power"].Value);
        Assert.False(readings.ContainsKey("energy_produced"));
    }

    [Fact]
    public async Task Fails_clearly_when_there_is_no_sunspec_map()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SunSpecDiscovery.DiscoverAsync(new RegisterImage(), 1, CancellationToken.None).AsTask());

        Assert.Contains("no SunSpec marker", ex.Message);
    }
}
