using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Gateway.Scale;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Tests.Scale;

public class ModbusScaleTests
{
    private const ModbusFunction Holding = ModbusFunction.ReadHoldingRegisters;

    [Fact]
    public async Task A_float_total_is_published_as_a_mass_counter_in_kg()
    {
        var image = new RegisterImage().SetFloat(Holding, 0x0010, 1234.5f);

        var reading = Assert.Single(await new ModbusScale("compost-scale", image, 10, new ModbusScaleMap(0x0010)).ReadAsync(CancellationToken.None));

        Assert.Equal(("mass", 1234.5, "kg", ReadingQuality.Good), (reading.Quantity, reading.Value, reading.Unit, reading.Quality));
    }

    [Fact]
    public async Task A_uint32_in_grams_with_low_word_first_is_scaled()
    {
        // 123,456,789 g = 0x075BCD15, low word first: CD15 075B.
        var image = new RegisterImage().Set(Holding, 8, 0xCD15, 0x075B);
        var map = new ModbusScaleMap(8, Format: ScaleRegisterFormat.UInt32, KgPerUnit: 0.001, LowWordFirst: true);

        var reading = Assert.Single(await new ModbusScale("s", image, 1, map).ReadAsync(CancellationToken.None));

        Assert.Equal(123_456.789, reading.Value, 6);
    }

    [Fact]
    public async Task A_negative_total_is_bad()
    {
        var image = new RegisterImage().Set(Holding, 0, 0xFFF6); // int16 −10
        var map = new ModbusScaleMap(0, Format: ScaleRegisterFormat.Int16);

        Assert.Equal(ReadingQuality.Bad, Assert.Single(await new ModbusScale("s", image, 1, map).ReadAsync(CancellationToken.None)).Quality);
    }

    [Fact]
    public async Task An_unanswered_read_throws_so_the_scale_shows_down()
    {
        var empty = new RegisterImage(); // answers exception 02 for everything

        await Assert.ThrowsAsync<ModbusException>(() => new ModbusScale("s", empty, 1, new ModbusScaleMap(0)).ReadAsync(CancellationToken.None).AsTask());
    }
}
