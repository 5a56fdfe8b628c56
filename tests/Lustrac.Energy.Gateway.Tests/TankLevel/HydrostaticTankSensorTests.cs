using Lustrac.Energy.FirmwareHost.TankLevel;
using Lustrac.Energy.Gateway.TankLevel;
using Lustrac.Energy.Gateway.Tests.Support;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.Tests.TankLevel;

public class HydrostaticTankSensorTests
{
    private static readonly TankGeometry Nord = new TankGeometry.VerticalCylinder(2.5, 2.4);

    private static async Task<(Reading Level, Reading Volume)> Read(Ads1115Emulator adc, HydrostaticOptions? options = null)
    {
        var sensor = new HydrostaticTankSensor("tank-nord-level", new Ads1115(adc), options ?? new HydrostaticOptions(SpanM: 4.0), Nord);
        var readings = await sensor.ReadAsync(CancellationToken.None);
        return (readings.Single(r => r.Quantity == "tank_level"), readings.Single(r => r.Quantity == "tank_volume"));
    }

    [Fact]
    public void Config_word_starts_a_single_shot_of_ain0_at_4096_mV_and_128_SPS()
    {
        Assert.Equal(0xC383, Ads1115.SingleShotConfig(0, 4.096));
        Assert.Equal(0xF383, Ads1115.SingleShotConfig(3, 4.096));
        Assert.Equal(0xC183, Ads1115.SingleShotConfig(0, 6.144));
    }

    [Fact]
    public void One_lsb_at_4096_mV_is_125_microvolts()
    {
        Assert.Equal(125e-6, Ads1115.Volts(1, 4.096), 12);
        Assert.Equal(-4.096, Ads1115.Volts(short.MinValue, 4.096), 12);
    }

    [Fact]
    public async Task Twelve_milliamps_on_a_4_m_span_is_2_m_of_water()
    {
        var adc = TestHardware.Adc(out var inputs);
        inputs[0] = 0.012 * 250; // 3.0 V across the shunt

        var (level, volume) = await Read(adc);

        Assert.Equal(2.0, level.Value, 3);
        Assert.Equal(Math.PI * 1.25 * 1.25 * 2.0 * 1000, volume.Value, tolerance: 0.1);
        Assert.Equal(ReadingQuality.Good, level.Quality);
        Assert.Equal(0xC383, Assert.Single(adc.ConfigWrites));
    }

    [Fact]
    public async Task Waits_for_a_slow_conversion()
    {
        var adc = TestHardware.Adc(out var inputs);
        adc.BusyReadsPerConversion = 3;
        inputs[0] = 0.008 * 250; // 8 mA → 1 m

        Assert.Equal(1.0, (await Read(adc)).Level.Value, 3);
    }

    [Theory]
    [InlineData(3.0, ReadingQuality.Bad)]        // below 3.6 mA: broken loop (NAMUR NE 43)
    [InlineData(3.7, ReadingQuality.Uncertain)]  // saturated low
    [InlineData(3.9, ReadingQuality.Good)]       // inside 3.8–20.5 mA, and −2.5 cm is within accuracy
    public async Task Loop_current_outside_namur_limits_is_a_sensor_fault(double milliamps, ReadingQuality expected)
    {
        var adc = TestHardware.Adc(out var inputs);
        inputs[0] = milliamps / 1000 * 250;

        var (level, volume) = await Read(adc, new HydrostaticOptions(SpanM: 0.8));

        Assert.Equal((expected, expected), (level.Quality, volume.Quality));
    }

    [Fact]
    public async Task Above_21_mA_is_a_fault_when_the_range_can_show_it()
    {
        var adc = TestHardware.Adc(out var inputs);
        inputs[0] = 0.0215 * 250; // 5.375 V: readable at ±6.144 V

        var (level, _) = await Read(adc, new HydrostaticOptions(SpanM: 2.0, FullScaleVolts: 6.144));

        Assert.Equal(ReadingQuality.Bad, level.Quality);
    }

    [Fact]
    public async Task A_saturated_adc_gives_only_a_lower_bound()
    {
        var adc = TestHardware.Adc(out var inputs);
        inputs[0] = 0.018 * 250; // 4.5 V, beyond ±4.096 V full scale: reads as 16.38 mA

        var (level, _) = await Read(adc, new HydrostaticOptions(SpanM: 2.0));

        Assert.Equal(ReadingQuality.Uncertain, level.Quality);
    }

    [Fact]
    public async Task A_level_above_the_tank_is_bad()
    {
        var adc = TestHardware.Adc(out var inputs);
        inputs[0] = 0.020 * 250 * 0.8; // 16 mA on a 4 m span → 3 m in a 2.4 m tank

        Assert.Equal(ReadingQuality.Bad, (await Read(adc)).Level.Quality);
    }

    [Fact]
    public async Task No_ack_on_the_bus_is_a_device_down()
    {
        var adc = TestHardware.Adc(out _);
        adc.Absent = true;

        await Assert.ThrowsAsync<IOException>(() => Read(adc));
    }

    [Fact]
    public async Task A_conversion_that_never_finishes_is_a_device_down()
    {
        var adc = TestHardware.Adc(out _);
        adc.Stuck = true;

        await Assert.ThrowsAsync<TimeoutException>(() => Read(adc));
    }
}
