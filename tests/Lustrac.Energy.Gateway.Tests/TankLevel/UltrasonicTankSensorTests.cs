using Lustrac.Energy.FirmwareHost.Serial;
using Lustrac.Energy.Gateway.Serial;
using Lustrac.Energy.Gateway.TankLevel;
using Lustrac.Energy.Gateway.Tests.Support;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.Tests.TankLevel;

/// <summary>JSN-SR04T frames (FF H L SUM, mm) written by the test on the device end of a pty pair.</summary>
public class UltrasonicTankSensorTests
{
    private static readonly TankGeometry Sud = new TankGeometry.HorizontalCylinder(2.0, 4.0);

    private static byte[] Frame(int mm) => [0xFF, (byte)(mm >> 8), (byte)mm, (byte)(0xFF + (mm >> 8) + (mm & 0xFF))];

    [Fact]
    public void Datasheet_frame_FF_07_A1_A7_is_1953_mm()
    {
        Assert.Equal(1953, JsnSr04tFrame.FindDistanceMm([0xFF, 0x07, 0xA1, 0xA7]));
        Assert.Null(JsnSr04tFrame.FindDistanceMm([0xFF, 0x07, 0xA1, 0xA8]));
        Assert.Equal(1953, JsnSr04tFrame.FindDistanceMm([0xA1, 0xA7, 0xFF, 0x07, 0xA1, 0xA7])); // joined mid-frame
    }

    /// <summary>Streams frames every 20 ms (the module's own period is 100 ms; faster keeps the test short) until the test ends.</summary>
    private static async Task<IReadOnlyList<Reading>> ReadWhileStreaming(byte[] stream, UltrasonicOptions options)
    {
        using var pty = await TestHardware.PtyAsync();
        using var device = pty.OpenEmulatorSide();
        using var sensor = new UltrasonicTankSensor("tank-sud-level", new SerialPortLine(new SerialLineSettings(pty.DeviceSide)), options, Sud);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                device.Write(stream);
                await Task.Delay(20);
            }
        });
        try { return await sensor.ReadAsync(CancellationToken.None); }
        finally
        {
            stop.Cancel();
            await writer;
        }
    }

    [Fact]
    public async Task Depth_is_mounting_height_minus_distance()
    {
        // Sensor 2.3 m above the bottom of a 2 m lying cylinder, water 0.8 m deep (40 %): echo at 1.5 m.
        var readings = await ReadWhileStreaming(Frame(1500), new UltrasonicOptions(MountHeightM: 2.3, FrameTimeoutMs: 10_000));

        Assert.Equal(0.8, readings[0].Value, 3);
        Assert.Equal(0.3735 * Math.PI * 4000, readings[1].Value, tolerance: 1.0);
        Assert.All(readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
    }

    [Fact]
    public async Task Frames_with_a_bad_checksum_are_skipped()
    {
        byte[] noisy = [0xFF, 0x05, 0xDC, 0x00, .. Frame(1500)];

        var readings = await ReadWhileStreaming(noisy, new UltrasonicOptions(MountHeightM: 2.3, FrameTimeoutMs: 10_000));

        Assert.Equal(0.8, readings[0].Value, 3);
    }

    [Theory]
    [InlineData(150)]   // inside the 20 cm blind zone
    [InlineData(6500)]  // beyond range
    public async Task Distances_out_of_range_are_flagged_bad(int mm)
    {
        var readings = await ReadWhileStreaming(Frame(mm), new UltrasonicOptions(MountHeightM: 2.3, FrameTimeoutMs: 10_000));

        Assert.All(readings, r => Assert.Equal(ReadingQuality.Bad, r.Quality));
    }

    [Fact]
    public async Task A_silent_sensor_is_a_device_down()
    {
        using var pty = await TestHardware.PtyAsync();
        using var sensor = new UltrasonicTankSensor("tank-sud-level", new SerialPortLine(new SerialLineSettings(pty.DeviceSide)), new UltrasonicOptions(2.3), Sud);

        await Assert.ThrowsAsync<TimeoutException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task In_triggered_mode_it_sends_0x55_and_reads_the_answer()
    {
        using var pty = await TestHardware.PtyAsync();
        using var device = pty.OpenEmulatorSide();
        using var sensor = new UltrasonicTankSensor("tank-sud-level", new SerialPortLine(new SerialLineSettings(pty.DeviceSide)),
            new UltrasonicOptions(MountHeightM: 2.3, Triggered: true, FrameTimeoutMs: 10_000), Sud);
        var answerer = Task.Run(() =>
        {
            var trigger = new byte[1];
            device.ReadExactly(trigger);
            device.Write(Frame(1300));
            return trigger[0];
        });

        var readings = await sensor.ReadAsync(CancellationToken.None);

        Assert.Equal(0x55, await answerer);
        Assert.Equal(1.0, readings[0].Value, 3);
    }
}
