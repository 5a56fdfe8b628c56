using System.Device.Gpio;
using Lustrac.Energy.Gateway.S0Pulse;
using Lustrac.Energy.Gateway.Tests.Support;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.Gateway.Tests.S0Pulse;

public sealed class PulseMeterTests : IDisposable
{
    private const int Pin = 17;
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-pulses-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));
    private readonly EdgeRaisingGpioDriver _pins = new();

    // SDM630 pulse output 2: 400 imp/kWh = 2.5 Wh per pulse.
    private static readonly PulseUnit Sdm630Output2 = new(QuantityVocabulary.EnergyImport, 0.0025m);

    private PulseMeterDriver Driver(PulseUnit? unit = null, PulseMeterOptions? options = null, GpioController? gpio = null) =>
        new("h01-s0", gpio ?? new GpioController(_pins), Pin, unit ?? Sdm630Output2, options ?? new PulseMeterOptions(),
            new PulseStateFile(_folder, "h01-s0"), _clock, NullLogger.Instance);

    /// <summary>One S0 pulse as a contact makes it: the falling edge, then bounce within 3 ms, then the pulse's 40 ms.</summary>
    private void BouncyPulse()
    {
        _pins.Fall(Pin);
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(0.5));
            _pins.Rise(Pin);
            _clock.Advance(TimeSpan.FromMilliseconds(0.5));
            _pins.Fall(Pin);
        }
        _clock.Advance(TimeSpan.FromMilliseconds(40));
        _pins.Rise(Pin);
        _clock.Advance(TimeSpan.FromMilliseconds(40));
    }

    private static Reading Single(IReadOnlyList<Reading> readings) => Assert.Single(readings);

    [Fact]
    public async Task Bouncing_edges_count_once_per_pulse()
    {
        using var driver = Driver();

        for (var i = 0; i < 400; i++) BouncyPulse();

        var reading = Single(await driver.ReadAsync(CancellationToken.None));
        Assert.Equal(400, driver.Pulses);
        Assert.Equal(("energy_import", 1.0, "kWh", ReadingQuality.Good), (reading.Quantity, reading.Value, reading.Unit, reading.Quality));
    }

    [Fact]
    public void Edges_just_outside_the_debounce_window_are_separate_pulses()
    {
        using var driver = Driver(options: new PulseMeterOptions { Debounce = TimeSpan.FromMilliseconds(20) });

        _pins.Fall(Pin);
        _clock.Advance(TimeSpan.FromMilliseconds(19));
        _pins.Fall(Pin); // bounce: inside 20 ms
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        _pins.Fall(Pin); // 21 ms after the counted edge: a pulse

        Assert.Equal(2, driver.Pulses);
    }

    [Fact]
    public async Task Initial_index_makes_the_counter_match_the_meter_display()
    {
        var water = new PulseUnit(QuantityVocabulary.WaterVolume, 10m);
        using var driver = Driver(water, new PulseMeterOptions { InitialIndex = 123_450m });

        for (var i = 0; i < 3; i++) BouncyPulse();

        var reading = Single(await driver.ReadAsync(CancellationToken.None));
        Assert.Equal(("water_volume", 123_480.0, "L"), (reading.Quantity, reading.Value, reading.Unit));
    }

    [Fact]
    public async Task The_count_survives_a_restart()
    {
        using (var first = Driver())
        {
            for (var i = 0; i < 7; i++) BouncyPulse();
        } // clean shutdown saves

        using var second = Driver();
        BouncyPulse();

        Assert.Equal(8, second.Pulses);
        Assert.Equal(0.02, Single(await second.ReadAsync(CancellationToken.None)).Value, 9);
    }

    [Fact]
    public async Task After_a_power_cut_the_counter_is_never_below_what_was_published()
    {
        var gpio = new GpioController(_pins);
        var beforeCut = Driver(gpio: gpio);
        for (var i = 0; i < 5; i++) BouncyPulse();
        var published = Single(await beforeCut.ReadAsync(CancellationToken.None)).Value;
        for (var i = 0; i < 3; i++) BouncyPulse(); // counted, never saved: lost in the cut
        // Power cut: no Dispose. A new process starts on a fresh GPIO controller.

        using var afterCut = Driver(gpio: new GpioController(new EdgeRaisingGpioDriver()));
        var reading = Single(await afterCut.ReadAsync(CancellationToken.None));

        Assert.Equal(published, reading.Value, 9);
        Assert.Equal(ReadingQuality.Good, reading.Quality);
    }

    [Fact]
    public async Task The_periodic_save_bounds_the_loss_when_nobody_polls()
    {
        var gpio = new GpioController(_pins);
        _ = Driver(gpio: gpio, options: new PulseMeterOptions { PersistPeriod = TimeSpan.FromSeconds(60) });
        for (var i = 0; i < 4; i++) BouncyPulse();
        _clock.Advance(TimeSpan.FromSeconds(60)); // the timer fires on the fake clock

        using var afterCut = Driver(gpio: new GpioController(new EdgeRaisingGpioDriver()));

        Assert.Equal(4, afterCut.Pulses);
        Assert.Equal(0.01, Single(await afterCut.ReadAsync(CancellationToken.None)).Value, 9);
    }

    [Fact]
    public async Task A_torn_state_file_falls_back_to_the_previous_save_without_crashing()
    {
        using (var first = Driver())
        {
            for (var i = 0; i < 5; i++) BouncyPulse();
            await first.ReadAsync(CancellationToken.None); // saves 5 → .pulses
            for (var i = 0; i < 2; i++) BouncyPulse();
        } // saves 7; 5 moves to .pulses.bak
        var path = Path.Combine(_folder, "h01-s0.pulses");
        var text = File.ReadAllBytes(path);
        File.WriteAllBytes(path, text[..(text.Length / 2)]); // torn in the middle

        using var second = Driver();
        var reading = Single(await second.ReadAsync(CancellationToken.None));

        Assert.Equal(5, second.Pulses);
        Assert.Equal(ReadingQuality.Uncertain, reading.Quality);
        Assert.Contains(Directory.GetFiles(_folder), f => f.Contains(".corrupt-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Garbage_in_every_state_file_restarts_from_zero_once_and_then_starts_cleanly()
    {
        File.WriteAllText(Path.Combine(_folder, "h01-s0.pulses"), "lustrac-pulse-state 1\ndevice=h01-s0\npulses=99\ncrc32=00000000\n");
        File.WriteAllText(Path.Combine(_folder, "h01-s0.pulses.bak"), "\0\0\0\0");
        var load = new PulseStateFile(_folder, "h01-s0").Load();
        Assert.Equal(0, load.Pulses);
        Assert.Contains("checksum", load.Recovery);

        using (var second = Driver())
        {
            BouncyPulse();
            Assert.Equal(ReadingQuality.Good, Single(await second.ReadAsync(CancellationToken.None)).Quality);
        }
        var third = new PulseStateFile(_folder, "h01-s0").Load();
        Assert.Equal((1L, (string?)null), (third.Pulses, third.Recovery));
    }

    [Fact]
    public void A_state_file_of_another_device_is_not_taken()
    {
        new PulseStateFile(_folder, "other").Save(42);
        File.Copy(Path.Combine(_folder, "other.pulses"), Path.Combine(_folder, "h01-s0.pulses"));

        var load = new PulseStateFile(_folder, "h01-s0").Load();

        Assert.Equal(0, load.Pulses);
        Assert.Contains("belongs to device 'other'", load.Recovery);
    }

    [Fact]
    public void Dispose_releases_the_pin()
    {
        var driver = Driver();
        Assert.Equal(1, _pins.CallbackCount(Pin));

        driver.Dispose();

        Assert.Equal(0, _pins.CallbackCount(Pin));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
