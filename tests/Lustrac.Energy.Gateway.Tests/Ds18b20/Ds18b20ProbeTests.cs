using Lustrac.Energy.Gateway.Ds18b20;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Tests.Ds18b20;

/// <summary>w1_slave files written by the test, from the DS18B20 datasheet's scratchpad layout and CRC.</summary>
public sealed class Ds18b20ProbeTests : IDisposable
{
    private const string ProbeId = "28-0123456789ab";
    private readonly string _root = Directory.CreateTempSubdirectory("lustrac-w1-").FullName;

    /// <summary>
    /// Dallas CRC-8 the long way round: reverse each byte, divide MSB-first by x⁸+x⁵+x⁴+1 (0x31), reverse the
    /// remainder. Independent of the driver's LSB-first shift register.
    /// </summary>
    private static byte ReferenceCrc8(IEnumerable<byte> bytes)
    {
        static byte Reverse(byte b) { byte r = 0; for (var i = 0; i < 8; i++) r |= (byte)(((b >> i) & 1) << (7 - i)); return r; }
        byte crc = 0;
        foreach (var b in bytes)
        {
            crc ^= Reverse(b);
            for (var i = 0; i < 8; i++) crc = (crc & 0x80) != 0 ? (byte)((crc << 1) ^ 0x31) : (byte)(crc << 1);
        }
        return Reverse(crc);
    }

    /// <summary>A 12-bit scratchpad for a temperature: LSB, MSB, TH, TL, config 0x7F, reserved FF, count, 10, CRC.</summary>
    private static byte[] Scratchpad(double celsius, byte config = 0x7F)
    {
        var raw = (short)Math.Round(celsius * 16);
        byte[] bytes = [(byte)raw, (byte)(raw >> 8), 0x4B, 0x46, config, 0xFF, 0x0C, 0x10, 0];
        bytes[8] = ReferenceCrc8(bytes.Take(8));
        return bytes;
    }

    private static string W1Slave(byte[] scratchpad, bool kernelSaysOk, int milli)
    {
        var hex = string.Join(' ', scratchpad.Select(b => b.ToString("x2")));
        return $"{hex} : crc={scratchpad[8]:x2} {(kernelSaysOk ? "YES" : "NO")}\n{hex} t={milli}\n";
    }

    private Ds18b20Probe Probe() => new("compost-1-t50", _root, ProbeId);

    private void Write(string text)
    {
        Directory.CreateDirectory(Path.Combine(_root, ProbeId));
        File.WriteAllText(Path.Combine(_root, ProbeId, "w1_slave"), text);
    }

    private async Task<Reading> ReadOne() => Assert.Single(await Probe().ReadAsync(CancellationToken.None));

    [Fact]
    public void Datasheet_power_on_line_has_crc_1c_and_all_ones_has_c9()
    {
        Assert.Equal(0x1C, ReferenceCrc8(Convert.FromHexString("50054b467fff0c10")));
        Assert.Equal(0x1C, DallasCrc8.Compute(Convert.FromHexString("50054b467fff0c10")));
        Assert.Equal(0xC9, DallasCrc8.Compute(Convert.FromHexString("ffffffffffffffff")));
        Assert.Equal(0x00, DallasCrc8.Compute(Convert.FromHexString("50054b467fff0c101c"))); // over all nine: zero
    }

    [Theory]
    [InlineData(57.5)]    // a thermophilic compost pile
    [InlineData(25.0625)] // datasheet: 0191h
    [InlineData(-10.125)] // datasheet: FF5Eh
    [InlineData(0.0)]     // a real 0 °C is not the all-zero trap: the other bytes are not zero
    public async Task A_good_read_gives_the_temperature_in_degC(double celsius)
    {
        Write(W1Slave(Scratchpad(celsius), true, (int)(celsius * 1000)));

        var reading = await ReadOne();

        Assert.Equal(("temperature", celsius, "degC", ReadingQuality.Good), (reading.Quantity, reading.Value, reading.Unit, reading.Quality));
    }

    [Fact]
    public async Task The_85_degree_power_on_value_with_its_valid_crc_is_bad()
    {
        Write("50 05 4b 46 7f ff 0c 10 1c : crc=1c YES\n50 05 4b 46 7f ff 0c 10 1c t=85000\n");

        var reading = await ReadOne();

        Assert.Equal((85.0, ReadingQuality.Bad), (reading.Value, reading.Quality));
    }

    [Fact]
    public async Task The_all_zero_scratchpad_is_bad_although_the_kernel_says_yes()
    {
        Write("00 00 00 00 00 00 00 00 00 : crc=00 YES\n00 00 00 00 00 00 00 00 00 t=0\n");

        Assert.Equal(ReadingQuality.Bad, (await ReadOne()).Quality);
    }

    [Fact]
    public async Task A_kernel_yes_over_bytes_whose_crc_does_not_match_is_bad()
    {
        var bytes = Scratchpad(55.0);
        bytes[0] ^= 0x10; // one bit changed after the CRC was computed
        Write(W1Slave(bytes, kernelSaysOk: true, 56000));

        Assert.Equal(ReadingQuality.Bad, (await ReadOne()).Quality);
    }

    [Fact]
    public async Task A_kernel_no_is_bad()
    {
        Write(W1Slave(Scratchpad(55.0), kernelSaysOk: false, 55000));

        Assert.Equal(ReadingQuality.Bad, (await ReadOne()).Quality);
    }

    [Fact]
    public async Task All_ones_means_the_probe_does_not_answer()
    {
        Write("ff ff ff ff ff ff ff ff ff : crc=c9 NO\nff ff ff ff ff ff ff ff ff t=-62\n");

        var ex = await Assert.ThrowsAsync<IOException>(() => Probe().ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains(ProbeId, ex.Message);
    }

    [Fact]
    public async Task A_missing_probe_folder_is_a_device_down()
    {
        var ex = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Probe().ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains(ProbeId, ex.Message);
    }

    [Fact]
    public async Task Undefined_low_bits_are_ignored_at_9_bit_resolution()
    {
        // 9-bit (config 0x1F): bits 2–0 are undefined. 0x0327 is 50.4375 °C at 12 bits; masked to 0x0320 it is 50.0 °C.
        byte[] bytes = [0x27, 0x03, 0x4B, 0x46, 0x1F, 0xFF, 0x0C, 0x10, 0];
        bytes[8] = ReferenceCrc8(bytes.Take(8));
        Write(W1Slave(bytes, true, 50000));

        Assert.Equal(50.0, (await ReadOne()).Value);
    }

    [Fact]
    public void A_malformed_file_is_named_as_such()
    {
        Assert.Throws<FormatException>(() => W1SlaveReading.Parse("garbage\n"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
