using System.Net;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Faults;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.Modbus;
using Lustrac.Energy.FirmwareHost.Sdm630;
using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Eastron;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Gateway.SunSpec;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using GatewayMap = Lustrac.Energy.Gateway.Eastron.EastronRegisterMap;
using EmulatorMap = Lustrac.Energy.FirmwareHost.Sdm630.EastronRegisterMap;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.EndToEnd.Tests;

/// <summary>
/// The newly published quantities, read by the gateway's drivers over Modbus TCP from firmware-host's emulators —
/// two register tables written separately from Eastron's and SunSpec's documents, so a wrong address on either side fails.
/// </summary>
public sealed class DriversReadWhatTheDevicesKnowTests
{
    private sealed class FixedMeter(MeterValues values) : IElectricityMeter
    {
        public MeterValues ValuesAt(DateTimeOffset t) => values;
    }

    /// <summary>Values as in Eastron's examples: a home drawing 1.43 kW, unevenly over three phases.</summary>
    private static readonly MeterValues Datasheet = new(
        DateTimeOffset.UnixEpoch,
        new PhaseValues(231.7, 4.3, 937.2, 0.94),
        new PhaseValues(229.8, 1.2, 270.4, 0.98),
        new PhaseValues(232.4, 1.0, 225.1, 0.97),
        50.01, ImportKwh: 10234.5, ExportKwh: 87.25, ImportKvarh: 2101.3, ExportKvarh: 12.7);

    private static async Task<Dictionary<string, Reading>> ReadFromEmulatorAsync(EmulatorMap emulatorMap, IReadOnlyList<Lustrac.Energy.Gateway.Eastron.EastronParameter> gatewayMap)
    {
        var clock = new SimulationClock(TimeProvider.System, DateTimeOffset.UnixEpoch, 0);
        await using var server = new ModbusTcpServer(new IPEndPoint(IPAddress.Loopback, 0),
            new Dictionary<byte, IModbusUnit> { [5] = new EastronMeterEmulator(emulatorMap, new FixedMeter(Datasheet), clock) });
        server.Start();
        await using var bus = new ModbusTcpClient("127.0.0.1", server.LocalEndpoint.Port, TimeSpan.FromSeconds(5));
        var meter = new EastronMeter("h01-meter", bus, 5, gatewayMap);
        var readings = (await meter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);
        Assert.Null(meter.Condition); // every block the gateway asks for exists on the emulated meter
        return readings;
    }

    [Theory]
    [InlineData("voltage_l2", 229.8)]
    [InlineData("voltage_l3", 232.4)]
    [InlineData("current_l1", 4.3)]
    [InlineData("current_l2", 1.2)]
    [InlineData("current_l3", 1.0)]
    [InlineData("active_power_l1", 937.2)]
    [InlineData("active_power_l2", 270.4)]
    [InlineData("active_power_l3", 225.1)]
    [InlineData("power_factor_l1", 0.94)]
    [InlineData("power_factor_l2", 0.98)]
    [InlineData("power_factor_l3", 0.97)]
    [InlineData("reactive_energy_import", 2101.3)]
    [InlineData("reactive_energy_export", 12.7)]
    [InlineData("voltage", 231.7)] // float32 231.7 travels as 231.7, not 231.6999969
    public async Task An_sdm630_publishes_each_quantity_as_the_decimal_the_meter_holds(string quantity, double expected)
    {
        var readings = await ReadFromEmulatorAsync(EmulatorMap.Sdm630, GatewayMap.Sdm630);

        Assert.Equal(expected, readings[quantity].Value);
        Assert.Equal(ReadingQuality.Good, readings[quantity].Quality);
    }

    [Fact]
    public async Task An_sdm630_total_power_factor_is_total_active_over_total_apparent_power()
    {
        var readings = await ReadFromEmulatorAsync(EmulatorMap.Sdm630, GatewayMap.Sdm630);

        // P = 937.2 + 270.4 + 225.1 = 1432.7 W; S = 231.7×4.3 + 229.8×1.2 + 232.4×1.0 = 996.31 + 275.76 + 232.4 = 1504.47 VA;
        // PF = 1432.7 / 1504.47 = 0.95230…, carried as a float32.
        Assert.Equal(0.9523, readings["power_factor"].Value, 4);
        Assert.Equal(1432.7, readings["active_power"].Value, 3);
    }

    [Fact]
    public async Task An_sdm120_publishes_its_power_factor_and_reactive_counters()
    {
        var readings = await ReadFromEmulatorAsync(EmulatorMap.Sdm120, GatewayMap.Sdm120);

        Assert.Equal(0.94, readings["power_factor"].Value);
        Assert.Equal(2101.3, readings["reactive_energy_import"].Value);
        Assert.Equal(4.3, readings["current"].Value);
    }

    private static readonly string InverterSite = TestSites.Builder("inv").Household("h01")
        .Asset("pv-1", AssetKind.PvArray, ("peak_kw", 9))
        .Gateway("gw-1")
        .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h01", address: 1)
        .Device("pv-1-inverter", "gw-1", DeviceKinds.SunSpecInverter, "modbus-tcp://127.0.0.1:1502", Roles.PvProduction, asset: "pv-1", address: 2)
        .ToYaml();

    [Fact]
    public async Task An_inverter_fault_is_published_as_state_7_and_said_in_the_condition_not_taken_for_night()
    {
        var start = new DateTimeOffset(2026, 6, 21, 11, 0, 0, TimeSpan.Zero); // midsummer noon: a healthy array produces
        var site = SiteLoader.Parse(InverterSite);
        await using var emulated = await EmulatedSite.StartAsync(site, new EmulatedSiteOptions
        {
            Seed = 5, Speed = 1, Start = start, EphemeralPorts = true,
            Faults = FaultFile.Parse("faults:\n  - device: pv-1-inverter\n    kind: inverter_fault\n", start),
        });
        var endpoint = emulated.EndpointOfDevice("pv-1-inverter");
        await using var bus = new ModbusTcpClient("127.0.0.1", endpoint.Port, TimeSpan.FromSeconds(5));
        var inverter = new SunSpecDevice("pv-1-inverter", bus, 2);

        var readings = (await inverter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        Assert.Equal(7, readings["inverter_state"].Value);
        Assert.Equal(0, readings["active_power"].Value);
        Assert.Contains("fault", inverter.Condition);
        Assert.True(emulated.Physics.PvArrays["pv-1"].AcPowerKw(emulated.Clock.Now) > 1, "the sun is up: only the fault explains no production");
    }

    [Fact]
    public async Task A_healthy_inverter_publishes_mppt_and_its_phase_currents()
    {
        var start = new DateTimeOffset(2026, 6, 21, 11, 0, 0, TimeSpan.Zero);
        await using var emulated = await EmulatedSite.StartAsync(SiteLoader.Parse(InverterSite), new EmulatedSiteOptions
        {
            Seed = 5, Speed = 1, Start = start, EphemeralPorts = true,
        });
        var endpoint = emulated.EndpointOfDevice("pv-1-inverter");
        await using var bus = new ModbusTcpClient("127.0.0.1", endpoint.Port, TimeSpan.FromSeconds(5));
        var inverter = new SunSpecDevice("pv-1-inverter", bus, 2);

        var readings = (await inverter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        var truth = emulated.InverterValues("pv-1-inverter");
        Assert.Contains(readings["inverter_state"].Value, new double[] { 4, 5 }); // MPPT, or throttled at the AC cap
        Assert.Equal(truth.PhaseCurrentA, readings["current_l1"].Value, 0.1);  // A_SF −1: 0.1 A steps
        Assert.Null(inverter.Condition);
    }
}
