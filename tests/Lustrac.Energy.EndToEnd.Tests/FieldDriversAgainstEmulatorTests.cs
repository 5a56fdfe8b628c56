using System.Device.Gpio;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.EndToEnd.Tests;

/// <summary>
/// The gateway's drivers against firmware-host's emulators, each written from the datasheets on its own side:
/// Modbus RTU over a real pseudo-terminal pair, DS18B20 w1 files, S0 water pulses on a GPIO driver, a JSN-SR04T
/// on a serial line. What the driver reads must be what the emulated device holds.
/// </summary>
public sealed class FieldDriversAgainstEmulatorTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-drivers-").FullName;
    private EmulatedSite _site = null!;
    private DriverFactory _factory = null!;

    private string SiteYaml => TestSites.Builder("drivers").Household("h01", occupants: 4)
        .Asset("tank-nord", AssetKind.RainTank, ("shape", "vertical_cylinder"), ("diameter_m", 2.5), ("height_m", 2.4), ("roof_area_m2", 450))
        .Asset("compost-1", AssetKind.CompostPile)
        .Gateway("gw-1")
        .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, $"modbus-rtu://{_folder}/rs485?baud=9600&parity=none", Roles.HouseholdMeter,
            household: "h01", address: 7)
        .Device("h01-water", "gw-1", DeviceKinds.WaterPulse, "gpio://17", Roles.WaterMains, household: "h01", settings: ("litres_per_pulse", 1))
        .Device("tank-nord-level", "gw-1", DeviceKinds.TankLevelUltrasonic, $"uart://{_folder}/tank?baud=9600", Roles.TankLevel,
            asset: "tank-nord", settings: ("mount_height_m", 2.65))
        .Device("compost-1-t50", "gw-1", DeviceKinds.Ds18b20, "w1://28-00000a1c0002", Roles.CompostTemperature, asset: "compost-1",
            settings: ("depth_m", 0.5))
        .ToYaml();

    public async Task InitializeAsync()
    {
        var site = SiteLoader.Parse(SiteYaml);
        // A morning in June at 60× speed: the household draws water, so pulses flow within seconds.
        _site = await EmulatedSite.StartAsync(site, new EmulatedSiteOptions
        {
            Seed = 11, Speed = 60, Start = new DateTimeOffset(2026, 6, 22, 7, 0, 0, TimeSpan.FromHours(2)), W1Root = Path.Combine(_folder, "w1"),
        });
        _factory = new DriverFactory(TimeSpan.FromSeconds(2), site, new DriverHardware
        {
            Gpio = () => new GpioController(_site.Gpio.Driver),
            W1Root = Path.Combine(_folder, "w1"),
            StateFolder = Path.Combine(_folder, "state"),
        });
    }

    private async Task<Dictionary<string, Reading>> ReadAsync(string device) =>
        (await _factory.Create(_site.Site.FindDevice(device)!).ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

    [Fact]
    public async Task An_sdm630_read_over_modbus_rtu_gives_the_emulated_meter_counters()
    {
        var readings = await ReadAsync("h01-meter");

        var truth = _site.MeterValues("h01-meter");
        Assert.Equal(truth.ImportKwh, readings["energy_import"].Value, 0.05); // float32 and a few simulated seconds
        Assert.Equal(truth.ExportKwh, readings["energy_export"].Value, 0.05);
        Assert.Equal(ReadingQuality.Good, readings["energy_import"].Quality);
    }

    [Fact]
    public async Task A_ds18b20_reads_the_compost_temperature_at_its_depth()
    {
        var readings = await ReadAsync("compost-1-t50");

        var truth = _site.Physics.CompostPiles["compost-1"].TemperatureC(_site.Clock.Now, 0.5);
        Assert.Equal(truth, readings["temperature"].Value, 0.5); // 1/16 °C resolution and the file's refresh period
        Assert.Equal(ReadingQuality.Good, readings["temperature"].Quality);
    }

    [Fact]
    public async Task A_jsn_sr04t_gives_the_tank_depth_and_volume()
    {
        var readings = await ReadAsync("tank-nord-level");

        var depth = _site.Physics.Tanks["tank-nord"].DepthAt(_site.Clock.Now);
        Assert.Equal(depth, readings["tank_level"].Value, 0.02); // millimetre frames, a few simulated seconds of flow
        var volume = Math.PI * 1.25 * 1.25 * readings["tank_level"].Value * 1000;
        Assert.Equal(volume, readings["tank_volume"].Value, 1);
    }

    [Fact]
    public async Task S0_water_pulses_are_counted_as_the_meter_emits_them()
    {
        var driver = _factory.Create(_site.Site.FindDevice("h01-water")!);
        var first = (await driver.ReadAsync(CancellationToken.None)).Single(r => r.Quantity == "water_volume").Value;
        var emittedFirst = _site.Gpio.CountedAt("h01-water", _site.Clock.Now);
        // Waits until the emulator has sent at least two more pulses, not for a fixed time.
        var emitter = _site.Gpio.Emitters["h01-water"];
        var pulsesBefore = emitter.Emitted;
        await Eventually.TrueAsync(() => Task.FromResult(emitter.Emitted >= pulsesBefore + 2), TimeSpan.FromSeconds(60), "two more water pulses");
        var second = (await driver.ReadAsync(CancellationToken.None)).Single(r => r.Quantity == "water_volume").Value;
        var emittedSecond = _site.Gpio.CountedAt("h01-water", _site.Clock.Now);

        Assert.True(second > first, $"no pulse counted after two were sent ({first} → {second} L)");
        Assert.Equal(Math.Floor(emittedSecond) - Math.Floor(emittedFirst), second - first, 2); // ±2 pulses at the edges of the window
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _site.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
