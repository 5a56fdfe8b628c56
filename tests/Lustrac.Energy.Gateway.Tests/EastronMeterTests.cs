using Lustrac.Energy.Gateway.Eastron;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Tests;

public class EastronMeterTests
{
    private const ModbusFunction Input = ModbusFunction.ReadInputRegisters;

    /// <summary>An SDM630's input registers at the datasheet addresses, holding datasheet-style values.</summary>
    private static RegisterImage Sdm630() => new RegisterImage()
        .SetFloat(Input, 0x0000, 231.4f).SetFloat(Input, 0x0034, -1520.0f).SetFloat(Input, 0x0046, 50.02f)
        .SetFloat(Input, 0x0048, 10234.56f).SetFloat(Input, 0x004A, 87.25f);

    [Fact]
    public void Groups_adjacent_registers_into_as_few_requests_as_the_meter_allows()
    {
        var plan = RegisterSpan.Plan(EastronRegisterMap.Sdm630, EastronRegisterMap.MaxRegistersPerRequest);

        Assert.Equal([(0x0000, 2), (0x0034, 2), (0x0046, 6)], plan.Select(s => ((int)s.Start, (int)s.Count)));
    }

    [Fact]
    public void Splits_a_run_longer_than_sixty_registers()
    {
        var many = Enumerable.Range(0, 40).Select(i => new EastronParameter((ushort)(i * 2), Protocol.Quantities.QuantityVocabulary.Voltage));

        var plan = RegisterSpan.Plan(many, 60);

        Assert.Equal([60, 20], plan.Select(s => (int)s.Count));
    }

    [Fact]
    public async Task Reads_energy_in_kWh_and_power_with_its_sign()
    {
        var image = Sdm630();
        var meter = new EastronMeter("m", image, 1, EastronRegisterMap.Sdm630);

        var readings = (await meter.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);

        Assert.Equal(10234.56f, readings["energy_import"].Value);
        Assert.Equal("kWh", readings["energy_import"].Unit);
        Assert.Equal(87.25f, readings["energy_export"].Value);
        Assert.Equal(-1520.0, readings["active_power"].Value); // exporting
        Assert.Equal(231.4f, readings["voltage"].Value);
        Assert.All(readings.Values, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        Assert.Equal(3, image.Requests.Count);
        Assert.All(image.Requests, r => Assert.Equal(Input, r.Function));
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
}
