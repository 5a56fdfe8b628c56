using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Gateway.ModbusRtu;
using Lustrac.Energy.Gateway.Serial;

namespace Lustrac.Energy.Gateway.Tests.ModbusRtu;

/// <summary>What the person at the meter cabinet reads when an RS-485 line does not work.</summary>
public class RtuFieldErrorTests
{
    /// <summary>A line where nothing ever answers (wrong baud rate, A/B swapped, meter unpowered).</summary>
    private sealed class DeadLine : ISerialLine
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct) => ValueTask.CompletedTask;

        public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }

        public void DiscardInput() { }
        public void Dispose() { }
    }

    private static ModbusRtuClient DeadClient() => new(new DeadLine(), new SerialLineSettings("/dev/ttyUSB0", 9600),
        new ModbusRtuOptions { ResponseTimeout = TimeSpan.FromMilliseconds(20), Retries = 1, SilentRequestsBeforeLineHint = 3 });

    [Fact]
    public async Task A_timeout_says_timeout_and_names_the_line_unit_and_attempts()
    {
        using var client = DeadClient();

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.ReadRegistersAsync(3, ModbusFunction.ReadInputRegisters, 0x48, 4, CancellationToken.None).AsTask());

        Assert.Equal("timeout: unit 3 on modbus-rtu:///dev/ttyUSB0 (9600 8N1) gave no complete reply within 20 ms (2 attempts)", ex.Message);
        Assert.Equal("modbus-rtu:///dev/ttyUSB0 (9600 8N1)", client.Endpoint);
    }

    [Fact]
    public async Task After_three_requests_with_no_valid_frame_ever_the_error_suggests_the_baud_rate()
    {
        using var client = DeadClient();
        var messages = new List<string>();

        for (var i = 0; i < 3; i++)
        {
            var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.ReadRegistersAsync(3, ModbusFunction.ReadInputRegisters, 0, 2, CancellationToken.None).AsTask());
            messages.Add(ex.Message);
        }

        Assert.DoesNotContain("baud", messages[1]);
        Assert.Contains("no device on this line has ever answered (3 requests failed): check that the baud rate and parity", messages[2]);
        Assert.Equal(0, client.Statistics.ValidFrames);
        Assert.Equal(6, client.Statistics.Timeouts); // 3 requests × 2 attempts
    }
}
