using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Ports;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.Modbus;
using Lustrac.Energy.FirmwareHost.Serial;
using Lustrac.Energy.FirmwareHost.Tests.Support;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Tests.Modbus;

/// <summary>Modbus RTU over a pty pair made by socat; the test holds the gateway's end of the "cable".</summary>
public sealed class ModbusRtuTests
{
    [Fact]
    public void Crc_of_the_reference_frame_is_71_cb_low_byte_first()
    {
        var frame = new byte[8];
        new byte[] { 0x01, 0x04, 0x00, 0x00, 0x00, 0x02 }.CopyTo(frame, 0);

        var length = Crc16Modbus.Append(frame, 6);

        Assert.Equal(8, length);
        Assert.Equal(new byte[] { 0x71, 0xCB }, frame[6..]);
        Assert.True(Crc16Modbus.IsValid(frame));
        frame[3] ^= 1;
        Assert.False(Crc16Modbus.IsValid(frame));
    }

    [Theory]
    [InlineData(9600, 4.01)]
    [InlineData(2400, 16.04)]
    [InlineData(38400, 1.75)]
    public void Frame_silence_is_three_and_a_half_characters_up_to_19200_baud(int baud, double milliseconds)
    {
        Assert.Equal(milliseconds, new SerialSettings(baud).FrameSilence.TotalMilliseconds, 0.01);
    }

    private static SiteModel SiteWithRtuBus(string path) => SiteLoader.Parse(
        File.ReadAllText(RepoFiles.SampleSite).Replace("modbus-tcp://127.0.0.1:15021", $"modbus-rtu://{path}?baud=9600&parity=none"));

    private static string TempPtyPath() => Path.Combine(Path.GetTempPath(), $"lustrac-rtu-{Guid.NewGuid():N}");

    private static byte[] Request(byte unit, byte function, ushort start, ushort count)
    {
        var frame = new byte[8];
        frame[0] = unit;
        frame[1] = function;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), start);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), count);
        Crc16Modbus.Append(frame, 6);
        return frame;
    }

    /// <summary>Reads whatever arrives until the line has been quiet for 100 ms (or nothing within 600 ms).</summary>
    private static byte[] ReadReply(SerialPort port)
    {
        var received = new List<byte>();
        var buffer = new byte[256];
        port.ReadTimeout = 600;
        try
        {
            while (true)
            {
                var n = port.Read(buffer, 0, buffer.Length);
                received.AddRange(buffer.AsSpan(0, n).ToArray());
                port.ReadTimeout = 100;
            }
        }
        catch (TimeoutException) { }
        return received.ToArray();
    }

    [Fact]
    public async Task Sdm630_on_an_rtu_bus_answers_with_a_valid_crc_and_ignores_bad_frames_and_other_units()
    {
        var path = TempPtyPath();
        await using var site = await EmulatedSite.StartAsync(SiteWithRtuBus(path), new EmulatedSiteOptions { Start = FrozenSite.SummerNoon, Speed = 0, EphemeralPorts = true });
        using var port = new SerialPort(path, 9600, Parity.None, 8, StopBits.One);
        port.Open();

        port.Write(Request(2, 0x04, 0x0048, 2), 0, 8);
        var reply = ReadReply(port);

        Assert.Equal(9, reply.Length);
        Assert.Equal(new byte[] { 0x02, 0x04, 0x04 }, reply[..3]);
        Assert.True(Crc16Modbus.IsValid(reply));
        Assert.Equal((float)site.MeterValues("h02-meter").ImportKwh, BinaryPrimitives.ReadSingleBigEndian(reply.AsSpan(3)));

        var corrupted = Request(2, 0x04, 0x0048, 2);
        corrupted[7] ^= 0xFF;
        port.Write(corrupted, 0, 8);
        Assert.Empty(ReadReply(port));

        port.Write(Request(42, 0x04, 0x0048, 2), 0, 8);
        Assert.Empty(ReadReply(port));

        port.Write(Request(2, 0x04, 0x0024, 2), 0, 8);
        var exception = ReadReply(port);
        Assert.Equal(new byte[] { 0x02, 0x84, 0x02 }, exception[..3]);
        Assert.True(Crc16Modbus.IsValid(exception));
    }

    [Fact]
    public async Task Mbpoll_in_rtu_mode_reads_the_import_counter()
    {
        var path = TempPtyPath();
        await using var site = await EmulatedSite.StartAsync(SiteWithRtuBus(path), new EmulatedSiteOptions { Start = FrozenSite.SummerNoon, Speed = 0, EphemeralPorts = true });

        var start = new ProcessStartInfo("mbpoll", $"-m rtu -b 9600 -P none -a 6 -r 73 -c 2 -t 3:float -B -1 {path}") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var mbpoll = Process.Start(start)!;
        var output = await mbpoll.StandardOutput.ReadToEndAsync();
        await mbpoll.WaitForExitAsync();

        Assert.Equal(0, mbpoll.ExitCode);
        var line = output.Split('\n').Single(l => l.StartsWith("[73]:"));
        var served = double.Parse(line[5..].Trim(), CultureInfo.InvariantCulture);
        var truth = site.MeterValues("h06-meter").ImportKwh;
        Assert.Equal(truth, served, truth * 1e-5);
    }

    [Fact]
    public async Task Pty_pair_carries_bytes_both_ways()
    {
        var path = TempPtyPath();
        using var pair = await PtyPair.CreateAsync(path);
        using var a = new SerialPort(pair.DeviceSide);
        using var b = new SerialPort(pair.EmulatorSide);
        a.Open();
        b.Open();

        a.Write([1, 2, 3], 0, 3);
        Assert.Equal(new byte[] { 1, 2, 3 }, ReadReply(b));
        b.Write([9], 0, 1);
        Assert.Equal(new byte[] { 9 }, ReadReply(a));
    }
}
