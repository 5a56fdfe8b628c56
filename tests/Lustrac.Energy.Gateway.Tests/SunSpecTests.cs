using Lustrac.Energy.Gateway.Devices;
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
        block[6] = 0x8000;  // A_SF not implemented: no phase currents
        block[22] = 0x8000; // PF not implemented
        block[38] = 0xFFFF; // St not implemented (enum16 sentinel)
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
    public void Publishes_the_operating_state_and_phase_currents_to_the_register_precision()
    {
        var block = new ushort[52];
        block[3] = 62; block[4] = 61; block[5] = 63; block[6] = unchecked((ushort)-1); // 6.2, 6.1, 6.3 A
        block[14] = 4250; block[15] = 0;
        block[16] = 5001; block[17] = unchecked((ushort)-2);
        block[22] = 0x8000; block[23] = 0x8000;
        block[24] = 0; block[25] = 2317; block[26] = unchecked((ushort)-1); // 2317 × 10^-1 Wh = 231.7 Wh
        block[38] = 4; // MPPT

        var readings = SunSpecDecoder.Decode(103, block).ToDictionary(r => r.Quantity);

        Assert.Equal([6.2, 6.1, 6.3], new[] { readings["current_l1"].Value, readings["current_l2"].Value, readings["current_l3"].Value });
        Assert.Equal(50.01, readings["frequency"].Value); // exactly the decimal: 5001 / 100, not 5001 × 0.01
        Assert.Equal(0.2317, readings["energy_produced"].Value);
        Assert.Equal(4, readings["inverter_state"].Value);
        Assert.Equal("state", readings["inverter_state"].Unit);
        Assert.Null(SunSpecDecoder.Condition(readings.Values));
    }

    [Fact]
    public async Task A_fault_state_is_published_and_named_as_a_condition_not_taken_for_night()
    {
        var image = Inverter(40000);
        image.Set(Holding, 40000 + 2 + 2 + 66 + 38, 7); // St = 7 FAULT in model 103
        image.Set(Holding, 40000 + 2 + 2 + 66 + 14, 0); // and no power
        var device = new SunSpecDevice("inv", image, 1);

        var readings = (await device.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        Assert.Equal(7, readings["inverter_state"].Value);
        Assert.Equal(0, readings["active_power"].Value);
        Assert.Contains("fault", device.Condition);
    }

    [Fact]
    public void A_sunspec_pv_meter_turns_its_export_counter_into_production()
    {
        var block = new ushort[107];
        block[0] = 203; block[1] = 105;
        for (var i = 2; i < 107; i++) block[i] = 0x8000;
        block[16] = 5000; block[17] = unchecked((ushort)-2);
        block[18] = unchecked((ushort)-4200); block[22] = 0;   // W: −4200 W (exporting)
        block[33] = 9700; block[37] = unchecked((ushort)-2);   // PF 97.00 % = 0.97
        block[38] = 0; block[39] = 51_000;                     // TotWhExp 51,000 Wh
        block[46] = 0; block[47] = 300;                        // TotWhImp 300 Wh
        block[54] = 0;
        var role = RoleQuantities.For(SiteDevices.Meter("pv-m", "sunspec_meter", "pv_production"));

        var readings = SunSpecDecoder.Decode(203, block).Select(role.Apply).OfType<Protocol.Messages.Reading>().ToDictionary(r => r.Quantity);

        Assert.Equal(51.0, readings["energy_produced"].Value);
        Assert.False(readings.ContainsKey("energy_import"));
        Assert.Equal(4200, readings["active_power"].Value);
        Assert.Equal(0.97, readings["power_factor"].Value);
    }

    [Fact]
    public async Task Fails_clearly_when_there_is_no_sunspec_map()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SunSpecDiscovery.DiscoverAsync(new RegisterImage(), 1, CancellationToken.None).AsTask());

        Assert.Contains("no SunSpec marker", ex.Message);
    }
}
