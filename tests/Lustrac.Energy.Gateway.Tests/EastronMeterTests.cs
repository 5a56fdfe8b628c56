using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Eastron;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Tests;

public class EastronMeterTests
{
    private const ModbusFunction Input = ModbusFunction.ReadInputRegisters;

    /// <summary>An SDM630's input registers at the datasheet addresses, holding datasheet-style values.</summary>
    internal static RegisterImage Sdm630() => new RegisterImage()
        .SetFloat(Input, 0x0000, 231.4f).SetFloat(Input, 0x0002, 230.9f).SetFloat(Input, 0x0004, 232.1f)
        .SetFloat(Input, 0x0006, 3.2f).SetFloat(Input, 0x0008, 1.1f).SetFloat(Input, 0x000A, 2.5f)
        .SetFloat(Input, 0x000C, -700.0f).SetFloat(Input, 0x000E, -250.0f).SetFloat(Input, 0x0010, -570.0f)
        .SetFloat(Input, 0x001E, 0.96f).SetFloat(Input, 0x0020, 0.98f).SetFloat(Input, 0x0022, 0.97f)
        .SetFloat(Input, 0x0034, -1520.0f).SetFloat(Input, 0x003E, 0.97f).SetFloat(Input, 0x0046, 50.02f)
        .SetFloat(Input, 0x0048, 10234.56f).SetFloat(Input, 0x004A, 87.25f)
        .SetFloat(Input, 0x004C, 2101.3f).SetFloat(Input, 0x004E, 12.7f);

    [Fact]
    public void Groups_adjacent_registers_into_as_few_requests_as_the_meter_allows()
    {
        var plan = RegisterSpan.Plan(EastronRegisterMap.Sdm630, EastronRegisterMap.MaxRegistersPerRequest);

        // V1–3, I1–3, P1–3 are 9 adjacent floats; PF1–3; total W; total PF; Hz, kWh imp/exp, kvarh imp/exp.
        Assert.Equal([(0x0000, 18), (0x001E, 6), (0x0034, 2), (0x003E, 2), (0x0046, 10)], plan.Select(s => ((int)s.Start, (int)s.Count)));
    }

    [Fact]
    public void Splits_a_run_longer_than_sixty_registers()
    {
        var many = Enumerable.Range(0, 40).Select(i => new EastronParameter((ushort)(i * 2), Protocol.Quantities.QuantityVocabulary.Voltage));

        var plan = RegisterSpan.Plan(many, 60);

        Assert.Equal([60, 20], plan.Select(s => (int)s.Count));
    }

    [Fact]
    public async Task Reads_energy_in_kWh_and_power_with_its_sign_as_the_decimals_the_meter_holds()
    {
        var image = Sdm630();
        var meter = new EastronMeter("m", image, 1, EastronRegisterMap.Sdm630);

        var readings = (await meter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        // float32 10234.56 is 10234.559570…; it travels as the shortest decimal that round-trips: 10234.56.
        Assert.Equal(10234.56, readings["energy_import"].Value);
        Assert.Equal("kWh", readings["energy_import"].Unit);
        Assert.Equal(87.25, readings["energy_export"].Value);
        Assert.Equal(-1520.0, readings["active_power"].Value); // exporting
        Assert.Equal(231.4, readings["voltage"].Value);
        Assert.Equal([3.2, 1.1, 2.5], new[] { readings["current_l1"].Value, readings["current_l2"].Value, readings["current_l3"].Value });
        Assert.Equal([-700.0, -250.0, -570.0], new[] { readings["active_power_l1"].Value, readings["active_power_l2"].Value, readings["active_power_l3"].Value });
        Assert.Equal(0.97, readings["power_factor"].Value);
        Assert.Equal(0.98, readings["power_factor_l2"].Value);
        Assert.Equal(2101.3, readings["reactive_energy_import"].Value);
        Assert.Equal("kvarh", readings["reactive_energy_export"].Unit);
        Assert.All(readings.Values, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        Assert.Equal(5, image.Requests.Count);
        Assert.All(image.Requests, r => Assert.Equal(Input, r.Function));
        Assert.Null(meter.Condition);
    }

    [Fact]
    public async Task Flags_an_impossible_value_bad_and_drops_a_nan()
    {
        var image = Sdm630().SetFloat(Input, 0x0046, 500f).SetFloat(Input, 0x0000, float.NaN);
        var meter = new EastronMeter("m", image, 1, EastronRegisterMap.Sdm630);

        var readings = (await meter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        Assert.Equal(ReadingQuality.Bad, readings["frequency"].Quality);
        Assert.Equal(500, readings["frequency"].Value);
        Assert.False(readings.ContainsKey("voltage"));
    }

    [Fact]
    public async Task One_unreadable_block_keeps_the_others_and_says_which_registers_failed()
    {
        var image = new RegisterImage().SetFloat(Input, 0x0000, 231.4f) // only V1 of the first block, and no PF block
            .SetFloat(Input, 0x0034, -1520.0f).SetFloat(Input, 0x003E, 0.97f).SetFloat(Input, 0x0046, 50.02f)
            .SetFloat(Input, 0x0048, 10234.56f).SetFloat(Input, 0x004A, 87.25f).SetFloat(Input, 0x004C, 2101.3f).SetFloat(Input, 0x004E, 12.7f);
        var meter = new EastronMeter("m", image, 7, EastronRegisterMap.Sdm630);

        var readings = (await meter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        Assert.Equal(10234.56, readings["energy_import"].Value);
        Assert.Equal(-1520.0, readings["active_power"].Value);
        Assert.False(readings.ContainsKey("current_l1"));
        Assert.Equal(1, meter.PartialReads);
        Assert.Contains("2 of 5 register blocks unreadable", meter.Condition);
        Assert.Contains("unit 7, input registers 0x0000–0x0011 (0–17)", meter.Condition);
        Assert.Contains("input registers 0x001E–0x0023 (30–35)", meter.Condition);
        Assert.Contains("illegal data address", meter.Condition);
    }

    [Fact]
    public async Task A_meter_that_gives_nothing_is_an_error_naming_every_block()
    {
        var meter = new EastronMeter("m", new RegisterImage(), 3, EastronRegisterMap.Sdm120);

        var ex = await Assert.ThrowsAsync<ModbusReadException>(() => meter.ReadAsync(CancellationToken.None).AsTask());

        Assert.Contains("device m: Modbus, unit 3, input registers 0x0000–0x0001", ex.Message);
        Assert.Contains("input registers 0x0046–0x004F", ex.Message);
    }

    private sealed class SilentBus : IModbusClient
    {
        public int Requests { get; private set; }
        public string Endpoint => "modbus-rtu:///dev/ttyUSB0 (9600 8N1)";

        public ValueTask<ushort[]> ReadRegistersAsync(byte unit, ModbusFunction function, ushort start, ushort count, CancellationToken ct)
        {
            Requests++;
            throw new TimeoutException($"timeout: unit {unit} gave no complete reply within 1000 ms (3 attempts)");
        }
    }

    [Fact]
    public async Task A_timeout_stops_the_read_at_the_first_block_and_says_timeout_bus_unit_and_registers()
    {
        var bus = new SilentBus();
        var meter = new EastronMeter("h21-meter", bus, 3, EastronRegisterMap.Sdm630);

        var ex = await Assert.ThrowsAsync<ModbusReadException>(() => meter.ReadAsync(CancellationToken.None).AsTask());

        Assert.Equal(1, bus.Requests); // not one timeout per block
        Assert.True(ex.IsTimeout);
        Assert.Equal("device h21-meter: modbus-rtu:///dev/ttyUSB0 (9600 8N1), unit 3, input registers 0x0000–0x0011 (0–17): " +
                     "timeout: unit 3 gave no complete reply within 1000 ms (3 attempts)", ex.Message);
    }

    [Fact]
    public async Task A_pv_meter_publishes_production_from_its_export_register_with_power_forward_positive()
    {
        var device = SiteDevices.Meter("pv-meter", "sdm630", "pv_production");
        var meter = new EastronMeter("pv-meter", Sdm630(), 1, EastronRegisterMap.Sdm630, RoleQuantities.For(device));

        var readings = (await meter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        Assert.Equal(87.25, readings["energy_produced"].Value); // the export register (0x004A)
        Assert.False(readings.ContainsKey("energy_import"));
        Assert.False(readings.ContainsKey("energy_export"));
        Assert.Equal(1520.0, readings["active_power"].Value);   // −1520 W on the meter = 1520 W produced
        Assert.Equal(700.0, readings["active_power_l1"].Value);
    }

    [Fact]
    public async Task A_pv_meter_wired_the_other_way_counts_production_on_import()
    {
        var device = SiteDevices.Meter("pv-meter", "sdm120", "household_pv", ("production_counter", "import"));
        var image = new RegisterImage().SetFloat(Input, 0x0000, 230f).SetFloat(Input, 0x0006, 10f).SetFloat(Input, 0x000C, 2300f)
            .SetFloat(Input, 0x001E, 1f).SetFloat(Input, 0x0046, 50f).SetFloat(Input, 0x0048, 5120.5f).SetFloat(Input, 0x004A, 3.5f)
            .SetFloat(Input, 0x004C, 0f).SetFloat(Input, 0x004E, 0f);
        var meter = new EastronMeter("pv-meter", image, 1, EastronRegisterMap.Sdm120, RoleQuantities.For(device));

        var readings = (await meter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        Assert.Equal(5120.5, readings["energy_produced"].Value);
        Assert.Equal(2300.0, readings["active_power"].Value);
    }

    [Fact]
    public async Task A_battery_meter_counts_charge_on_import_and_discharge_on_export()
    {
        var device = SiteDevices.Meter("bat-meter", "sdm630", "battery");
        var meter = new EastronMeter("bat-meter", Sdm630(), 1, EastronRegisterMap.Sdm630, RoleQuantities.For(device));

        var readings = (await meter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        Assert.Equal(10234.56, readings["energy_charged"].Value);
        Assert.Equal(87.25, readings["energy_discharged"].Value);
        Assert.Equal(1520.0, readings["active_power"].Value); // flowing out of the battery: discharging, forward-positive
    }
}
