using System.Device.I2c;
using System.IO.Ports;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.TankLevel;
using Lustrac.Energy.FirmwareHost.Tests.Support;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Tests.TankLevel;

public sealed class TankLevelTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 3, 6, 0, 0, TimeSpan.Zero);

    private static SiteModel SiteWithTankSensors(string sonarPath) => SiteLoader.Parse(File.ReadAllText(RepoFiles.SampleSite) + $"""
          - id: tank-nord-level
            gateway: gw-communs
            kind: tank_level_4_20ma
            bus: i2c://1/0x48
            role: tank_level
            asset: tank-nord
            settings:
              channel: 1
          - id: tank-sud-sonar
            gateway: gw-communs
            kind: tank_level_ultrasonic
            bus: uart://{sonarPath}?baud=9600
            role: tank_level
            asset: tank-sud
            settings:
              mode: on_request
          - id: rain-gauge
            gateway: gw-communs
            kind: rain_gauge
            bus: gpio://6
            role: rain_gauge
        """ + "\n");

    [Fact]
    public void Jsn_sr04t_frame_checksum_includes_the_start_byte()
    {
        // 1953 mm = 0x07A1: sum 0xFF + 0x07 + 0xA1 = 0x1A7 → 0xA7.
        Assert.Equal(new byte[] { 0xFF, 0x07, 0xA1, 0xA7 }, JsnSr04tFrame.For(1953));
    }

    [Fact]
    public async Task Ads1115_over_i2c_reads_the_4_20_ma_loop_as_1_to_5_volts()
    {
        var sonar = Path.Combine(Path.GetTempPath(), $"lustrac-sonar-{Guid.NewGuid():N}");
        await using var site = await EmulatedSite.StartAsync(SiteWithTankSensors(sonar), new EmulatedSiteOptions { Start = Start, Speed = 0, EphemeralPorts = true });
        using I2cDevice adc = site.Tanks.OpenI2c(1, 0x48);

        var reset = new byte[2];
        adc.WriteRead([0x01], reset);
        Assert.Equal(new byte[] { 0x85, 0x83 }, reset);

        // OS=1 start, MUX=101 (AIN1 vs GND), PGA=000 (±6.144 V), MODE=1 single shot, 128 SPS, comparator off.
        adc.Write([0x01, 0xD1, 0x83]);
        var conversion = new byte[2];
        adc.WriteRead([0x00], conversion);

        var volts = (short)(conversion[0] << 8 | conversion[1]) * 6.144 / 32768;
        var depth = (volts / 0.250 - 4) / 16 * 2.4; // 250 Ω shunt, span = the tank's 2.4 m height
        var truth = site.Physics.Tanks["tank-nord"].DepthAt(site.Clock.Now);
        Assert.InRange(volts, 1, 5);
        Assert.Equal(truth, depth, 0.002);

        adc.Write([0x01, 0xC3, 0x83]);           // AIN0: nothing wired
        adc.WriteRead([0x00], conversion);
        Assert.Equal(new byte[] { 0, 0 }, conversion);
        Assert.Throws<IOException>(() => site.Tanks.OpenI2c(1, 0x49));
    }

    [Fact]
    public async Task Default_gain_clips_the_5_volt_top_of_the_loop_at_full_scale()
    {
        var sonar = Path.Combine(Path.GetTempPath(), $"lustrac-sonar-{Guid.NewGuid():N}");
        await using var site = await EmulatedSite.StartAsync(SiteWithTankSensors(sonar), new EmulatedSiteOptions { Start = Start, Speed = 0, EphemeralPorts = true });
        using var adc = site.Tanks.OpenI2c(1, 0x48);

        adc.Write([0x01, 0xD5, 0x83]); // PGA=010 (±2.048 V): above 2.048 V the code saturates
        var conversion = new byte[2];
        adc.WriteRead([0x00], conversion);

        var volts = site.Physics.Tanks["tank-nord"].DepthAt(site.Clock.Now) / 2.4 * 4 + 1;
        var expected = volts >= 2.048 ? 32767 : (int)Math.Round(volts / 2.048 * 32768);
        Assert.Equal(expected, conversion[0] << 8 | conversion[1]);
    }

    [Fact]
    public async Task Jsn_sr04t_answers_a_trigger_with_the_distance_down_to_the_water()
    {
        var sonar = Path.Combine(Path.GetTempPath(), $"lustrac-sonar-{Guid.NewGuid():N}");
        await using var site = await EmulatedSite.StartAsync(SiteWithTankSensors(sonar), new EmulatedSiteOptions { Start = Start, Speed = 0, EphemeralPorts = true });
        using var port = new SerialPort(sonar, 9600, Parity.None, 8, StopBits.One) { ReadTimeout = 2000 };
        port.Open();

        port.Write([JsnSr04tFrame.Trigger], 0, 1);
        var frame = new byte[4];
        for (var read = 0; read < 4;) read += port.Read(frame, read, 4 - read);

        Assert.Equal(0xFF, frame[0]);
        Assert.Equal((byte)(frame[0] + frame[1] + frame[2]), frame[3]);
        var distanceMm = frame[1] << 8 | frame[2];
        var depth = site.Physics.Tanks["tank-sud"].DepthAt(site.Clock.Now);
        Assert.Equal((2.0 + TankDevices.SensorClearanceM - depth) * 1000, distanceMm, 1.0);
        Assert.Empty(site.Skipped);
    }

    [Fact]
    public async Task An_unplugged_loop_reads_zero_volts_below_the_1_volt_of_an_empty_tank()
    {
        var sonar = Path.Combine(Path.GetTempPath(), $"lustrac-sonar-{Guid.NewGuid():N}");
        await using var site = await EmulatedSite.StartAsync(SiteWithTankSensors(sonar), new EmulatedSiteOptions
        {
            Start = Start,
            Speed = 0,
            EphemeralPorts = true,
            Faults = Lustrac.Energy.FirmwareHost.Faults.FaultFile.Parse("faults:\n  - device: tank-nord-level\n    kind: unplugged\n", Start),
        });
        using var adc = site.Tanks.OpenI2c(1, 0x48);

        adc.Write([0x01, 0xD1, 0x83]);
        var conversion = new byte[2];
        adc.WriteRead([0x00], conversion);

        Assert.Equal(new byte[] { 0, 0 }, conversion);
    }
}
