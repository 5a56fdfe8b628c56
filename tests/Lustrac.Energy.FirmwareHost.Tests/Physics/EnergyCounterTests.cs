using Lustrac.Energy.FirmwareHost.Physics;

namespace Lustrac.Energy.FirmwareHost.Tests.Physics;

public sealed class EnergyCounterTests
{
    private static readonly DateTimeOffset Origin = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Constant_power_integrates_exactly()
    {
        var counter = new EnergyCounter(_ => 2.0, Origin, initialKwh: 100);

        Assert.Equal(100, counter.KwhAt(Origin));
        Assert.Equal(102, counter.KwhAt(Origin.AddHours(1)), 1e-9);
        Assert.Equal(101.5, counter.KwhAt(Origin.AddMinutes(45)), 1e-9);
    }

    [Fact]
    public void Value_at_an_instant_does_not_depend_on_how_often_it_was_read()
    {
        static double Power(DateTimeOffset t) => 1 + Math.Sin(t.UtcTicks / 1e11);
        var readOften = new EnergyCounter(Power, Origin, 0);
        var readOnce = new EnergyCounter(Power, Origin, 0);
        var end = Origin.AddHours(6).AddSeconds(3.7);

        for (var t = Origin; t < end; t += TimeSpan.FromSeconds(37)) readOften.KwhAt(t);

        Assert.Equal(readOnce.KwhAt(end), readOften.KwhAt(end), 1e-9);
    }

    [Fact]
    public void A_read_for_an_earlier_instant_gives_the_earlier_value()
    {
        var counter = new EnergyCounter(t => t.Hour < 12 ? 1 : 3, Origin, 0);
        var early = counter.KwhAt(Origin.AddHours(10));

        counter.KwhAt(Origin.AddHours(20));

        Assert.Equal(early, counter.KwhAt(Origin.AddHours(10)), 1e-9);
        Assert.Equal(10, early, 1e-6);
    }

    [Fact]
    public void Negative_power_does_not_run_the_counter_backwards()
    {
        var counter = new EnergyCounter(_ => -5, Origin, 42);

        Assert.Equal(42, counter.KwhAt(Origin.AddDays(1)));
    }
}
