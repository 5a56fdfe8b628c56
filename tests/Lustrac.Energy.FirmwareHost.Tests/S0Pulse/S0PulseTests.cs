using System.Collections.Concurrent;
using System.Device.Gpio;
using System.Diagnostics;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.S0Pulse;
using Lustrac.Energy.FirmwareHost.Tests.Support;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.FirmwareHost.Tests.S0Pulse;

/// <summary>S0 pulses seen through System.Device.Gpio's GpioController, as a gateway would see them.</summary>
public sealed class S0PulseTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 21, 12, 0, 0, TimeSpan.Zero);

    private sealed record Edge(PinEventTypes Type, long Ticks);

    private static (GpioController Controller, ConcurrentQueue<Edge> Edges) Listen(EmulatedGpioDriver driver, int pin)
    {
        var controller = new GpioController(driver);
        controller.OpenPin(pin, PinMode.Input);
        var edges = new ConcurrentQueue<Edge>();
        controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Falling | PinEventTypes.Rising,
            (_, e) => edges.Enqueue(new Edge(e.ChangeType, Stopwatch.GetTimestamp())));
        return (controller, edges);
    }

    /// <summary>How long a wait on the emulator may take before the test fails (generous: the machine is shared).</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    [Fact]
    public async Task Each_pulse_is_a_falling_edge_held_low_at_least_30_ms_and_the_count_follows_the_energy()
    {
        var driver = new EmulatedGpioDriver();
        var (controller, edges) = Listen(driver, 17);
        // 3.6 kW at 1000 imp/kWh is one pulse per simulated second; at ×8 that is 8 per wall second.
        var clock = new SimulationClock(TimeProvider.System, Start, 8);
        await using (var emitter = new S0PulseEmitter(driver, 17, t => (t - Start).TotalHours * 3.6, 1000, clock))
        {
            emitter.Start();
            // Waits on the emitter rather than a fixed time (a loaded machine delays timers): at least 8 pulses, caught up
            // with the energy earned so far. 20 s is only a guard; it takes about one second.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((emitter.Emitted < 8 || emitter.Due - emitter.Emitted > 1) && DateTime.UtcNow < deadline) await Task.Delay(10);
            var dueAtStop = emitter.Due;
            await emitter.DisposeAsync();

            var list = edges.ToArray();
            var falls = list.Where(e => e.Type == PinEventTypes.Falling).ToArray();
            Assert.True(emitter.Emitted >= 8, $"only {emitter.Emitted} pulses in 20 s");
            Assert.Equal(emitter.Emitted, falls.Length);
            Assert.Equal(emitter.Emitted, list.Count(e => e.Type == PinEventTypes.Rising));
            // The count follows the energy: never ahead of it (a pulse under way when stopped is finished), caught up.
            Assert.InRange(emitter.Emitted, dueAtStop - 2, dueAtStop + 1);
            for (var i = 0; i < list.Length - 1; i++)
            {
                var gap = Ms(list[i + 1].Ticks - list[i].Ticks);
                Assert.True(gap >= 29, $"{list[i].Type} held only {gap:F1} ms");
            }
        }
        controller.Dispose();
    }

    [Fact]
    public async Task Contact_bounce_adds_edges_within_5_ms_that_a_5_ms_debounce_removes()
    {
        var driver = new EmulatedGpioDriver();
        var (controller, edges) = Listen(driver, 5);
        var clock = new SimulationClock(TimeProvider.System, Start, 8);
        await using var emitter = new S0PulseEmitter(driver, 5, t => (t - Start).TotalHours * 3.6, 1000, clock, bounce: true);
        emitter.Start();
        // Waits for the pulses, not for a fixed time: 8 pulses are about one wall second at ×8 (30 s is only a guard).
        await Eventually.TrueAsync(() => Task.FromResult(emitter.Emitted >= 8), Guard, "8 bouncing pulses");
        await emitter.DisposeAsync();

        var list = edges.ToArray();
        Assert.True(list.Length > 2 * emitter.Emitted, "bounce makes more edges than two per pulse");
        var debouncedFalls = 0;
        long last = 0;
        foreach (var edge in list)
        {
            if (last != 0 && Ms(edge.Ticks - last) < 5) continue;
            last = edge.Ticks;
            if (edge.Type == PinEventTypes.Falling) debouncedFalls++;
        }
        // Exact unless the machine preempted the emitter inside a burst (measured by the emitter, not guessed).
        var stretched = (int)emitter.StretchedBounces;
        Assert.InRange(debouncedFalls, emitter.Emitted - stretched, emitter.Emitted + stretched);
        Assert.Equal(PinValue.High, driver.LevelOf(5));
        controller.Dispose();
    }

    [Fact]
    public async Task Site_water_and_electricity_pulse_outputs_count_their_model_quantities()
    {
        var yaml = File.ReadAllText(RepoFiles.SampleSite) + """
              - id: h02-water
                gateway: gw-est
                kind: water_pulse
                bus: gpio://22
                role: water_mains
                household: h02
                settings:
                  litres_per_pulse: 1
              - id: h02-s0
                gateway: gw-est
                kind: s0_pulse
                bus: gpio://23
                role: household_meter
                household: h02
            """ + "\n";
        await using var site = await EmulatedSite.StartAsync(SiteLoader.Parse(yaml), new EmulatedSiteOptions { Start = Start.AddHours(-5), Speed = 120, EphemeralPorts = true });
        using var controller = new GpioController(site.Gpio.Driver);
        controller.OpenPin(22, PinMode.Input);
        var falls = 0;
        controller.RegisterCallbackForPinValueChangedEvent(22, PinEventTypes.Falling, (_, _) => Interlocked.Increment(ref falls));

        // Waits until the water output has pulsed and the controller has seen it, not for a fixed time.
        var water = site.Gpio.Emitters["h02-water"];
        await Eventually.TrueAsync(() => Task.FromResult(water.Emitted >= 1 && Volatile.Read(ref falls) >= 1), Guard, "a first water pulse");

        var litres = site.Gpio.CountedAt("h02-water", site.Clock.Now);
        Assert.InRange(litres, 0.5, 60);                      // three simulated minutes of a two-person home at 07:00 local
        Assert.InRange(water.Due, (long)litres - 1, (long)litres + 1);
        Assert.InRange(falls, water.Emitted - 1, water.Emitted + 1);
        Assert.True(site.Gpio.Emitters["h02-s0"].Due >= 0);
        Assert.Empty(site.Skipped);
    }
}
