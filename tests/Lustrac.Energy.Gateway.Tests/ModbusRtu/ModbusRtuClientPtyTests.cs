using Lustrac.Energy.FirmwareHost.Serial;
using Lustrac.Energy.Gateway.Eastron;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Gateway.ModbusRtu;
using Lustrac.Energy.Gateway.Serial;
using Lustrac.Energy.Gateway.Tests.Support;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Tests.ModbusRtu;

/// <summary>
/// The RTU client over a real serial port (a socat pty pair) against a device scripted in raw bytes.
/// Timeouts are short only where a timeout is the expected outcome; replies that should arrive get seconds.
/// </summary>
public class ModbusRtuClientPtyTests
{
    private static readonly ModbusRtuOptions Patient = new() { ResponseTimeout = TimeSpan.FromSeconds(3), Retries = 2 };

    private static ModbusRtuClient Client(PtyPair pty, ModbusRtuOptions options) =>
        new(new SerialPortLine(new SerialLineSettings(pty.DeviceSide, 9600)), new SerialLineSettings(pty.DeviceSide, 9600), options);

    [Fact]
    public async Task Reads_registers_and_sends_the_exact_request_bytes()
    {
        using var pty = await TestHardware.PtyAsync();
        using var device = new ScriptedRtuDevice(pty, (_, _) => ScriptedRtuDevice.ReadReply(1, 0x04, 0x4366, 0x6666));
        using var client = Client(pty, Patient);

        var words = await client.ReadRegistersAsync(1, ModbusFunction.ReadInputRegisters, 0, 2, CancellationToken.None);

        Assert.Equal([0x4366, 0x6666], words);
        Assert.Equal("01040000000271CB", Convert.ToHexString(Assert.Single(device.Requests)));
    }

    [Fact]
    public async Task An_exception_reply_surfaces_its_code_and_is_not_retried()
    {
        using var pty = await TestHardware.PtyAsync();
        using var device = new ScriptedRtuDevice(pty, (_, _) => ScriptedRtuDevice.WithCrc([0x01, 0x84, 0x02, 0, 0]));
        using var client = Client(pty, Patient);

        var ex = await Assert.ThrowsAsync<ModbusException>(() => client.ReadRegistersAsync(1, ModbusFunction.ReadInputRegisters, 0x0200, 2, CancellationToken.None).AsTask());

        Assert.Equal(0x02, ex.Code);
        Assert.Single(device.Requests);
    }

    [Fact]
    public async Task A_bad_crc_is_detected_and_the_request_retried()
    {
        using var pty = await TestHardware.PtyAsync();
        using var device = new ScriptedRtuDevice(pty, (n, _) =>
        {
            var reply = ScriptedRtuDevice.ReadReply(1, 0x04, 0x1234, 0x5678);
            if (n == 0) reply[^1] ^= 0xFF; // first answer garbled on the line
            return reply;
        });
        using var client = Client(pty, Patient);

        var words = await client.ReadRegistersAsync(1, ModbusFunction.ReadInputRegisters, 0, 2, CancellationToken.None);

        Assert.Equal([0x1234, 0x5678], words);
        Assert.Equal(2, device.Requests.Count);
        Assert.Equal(1, client.Statistics.CrcErrors);
    }

    [Fact]
    public async Task Silence_times_out_and_the_retry_gets_the_answer()
    {
        using var pty = await TestHardware.PtyAsync();
        using var device = new ScriptedRtuDevice(pty, (n, _) => n == 0 ? null : ScriptedRtuDevice.ReadReply(1, 0x03, 0x002A));
        using var client = Client(pty, Patient with { ResponseTimeout = TimeSpan.FromMilliseconds(300) });

        // The first attempt must time out; the second must not, even on a loaded machine: retry until it answers.
        var words = await client.ReadRegistersAsync(1, ModbusFunction.ReadHoldingRegisters, 0x0010, 1, CancellationToken.None);

        Assert.Equal([0x002A], words);
        Assert.True(client.Statistics.Timeouts >= 1);
        Assert.Equal(client.Statistics.Timeouts + 1, device.Requests.Count);
    }

    [Fact]
    public async Task A_silent_device_times_out_after_every_retry()
    {
        using var pty = await TestHardware.PtyAsync();
        using var device = new ScriptedRtuDevice(pty, (_, _) => null);
        using var client = Client(pty, new ModbusRtuOptions { ResponseTimeout = TimeSpan.FromMilliseconds(150), Retries = 2 });

        await Assert.ThrowsAsync<TimeoutException>(() => client.ReadRegistersAsync(7, ModbusFunction.ReadInputRegisters, 0, 2, CancellationToken.None).AsTask());

        Assert.Equal(3, device.Requests.Count);
        Assert.All(device.Requests, r => Assert.Equal(7, r[0]));
    }

    [Fact]
    public async Task Meters_sharing_a_line_get_their_own_answers_one_request_at_a_time()
    {
        using var pty = await TestHardware.PtyAsync();
        // Each unit answers its own address in register 0; a second request arriving mid-exchange would garble the 8-byte framing.
        using var device = new ScriptedRtuDevice(pty, (_, request) => ScriptedRtuDevice.ReadReply(request[0], 0x04, request[0]));
        using var client = Client(pty, Patient);

        var reads = Enumerable.Range(1, 3).SelectMany(_ => new byte[] { 1, 2, 3 })
            .Select(unit => Task.Run(async () => (unit, words: await client.ReadRegistersAsync(unit, ModbusFunction.ReadInputRegisters, 0, 1, CancellationToken.None))))
            .ToArray();
        var results = await Task.WhenAll(reads);

        Assert.All(results, r => Assert.Equal(r.unit, r.words[0]));
        Assert.Equal(9, device.Requests.Count);
        Assert.All(device.Requests, r => Assert.True(Crc16Modbus.IsValid(r)));
    }

    [Fact]
    public async Task An_eastron_meter_reads_over_rtu()
    {
        using var pty = await TestHardware.PtyAsync();
        // SDM120 input registers, float32 high word first, from the Eastron protocol document addresses.
        var image = new Dictionary<ushort, float> { [0x0000] = 230.5f, [0x0006] = 4.25f, [0x000C] = 960f, [0x0046] = 50f, [0x0048] = 1234.5f, [0x004A] = 12.25f };
        using var device = new ScriptedRtuDevice(pty, (_, request) =>
        {
            var start = (ushort)(request[2] << 8 | request[3]);
            var count = request[4] << 8 | request[5];
            var words = new ushort[count];
            for (var i = 0; i < count; i += 2)
            {
                var bits = BitConverter.SingleToUInt32Bits(image.GetValueOrDefault((ushort)(start + i)));
                words[i] = (ushort)(bits >> 16);
                words[i + 1] = (ushort)bits;
            }
            return ScriptedRtuDevice.ReadReply(request[0], request[1], words);
        });
        using var client = Client(pty, Patient);
        var meter = new EastronMeter("h01-meter", client, 1, EastronRegisterMap.Sdm120);

        var readings = (await meter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        Assert.Equal(1234.5, readings["energy_import"].Value, 3);
        Assert.Equal(960, readings["active_power"].Value, 3);
        Assert.All(readings.Values, r => Assert.Equal(ReadingQuality.Good, r.Quality));
    }
}
